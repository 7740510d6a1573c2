import { recordAudit, type Actor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import { getObject, isScoType } from '../intel/service.ts';
import { findCollection } from './collections.ts';
import { releaseOf } from './release.ts';
import { appendVersions, type NewVersion } from './store/objects-store.ts';
import { shareDb } from './store/tables.ts';

const EPOCH = '1970-01-01T00:00:00.000Z';

/**
 * The STIX version of an object: its `spec_version`, or when it has none 2.0 (STIX 2.0 objects carry none), except
 * for cyber-observables, top-level only since 2.1 and 2.1 when they omit it (STIX 2.1 section 3.2).
 */
const specVersionOf = (object: Record<string, unknown>) =>
  typeof object.spec_version === 'string' ? object.spec_version : isScoType(String(object.type)) ? '2.1' : '2.0';

/** The row a STIX object version becomes in a collection; its release is judged from its own markings. */
export function toVersion(object: Record<string, unknown>): NewVersion {
  const stamp = [object.modified, object.created].find((v): v is string => typeof v === 'string') ?? EPOCH;
  return {
    stixId: String(object.id),
    type: String(object.type),
    version: stamp,
    modifiedAt: stamp,
    specVersion: specVersionOf(object),
    release: releaseOf(object),
    object,
  };
}

/** Appends versions in one transaction with an audit entry; returns how many were new. */
export async function addToCollection(
  ctx: CoreContext,
  actor: Actor,
  collectionId: string,
  versions: readonly NewVersion[],
  action: string,
): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    let added = 0;
    // Batches keep each statement under the parameter limit (10 per row).
    for (let i = 0; i < versions.length; i += 1000) {
      added += (await appendVersions(shareDb(trx), collectionId, versions.slice(i, i + 1000))).length;
    }
    await recordAudit(trx, actor, {
      action,
      objectType: 'share_collection',
      objectId: collectionId,
      details: { versions: versions.length, added, ids: [...new Set(versions.map((v) => v.stixId))].slice(0, 100) },
    });
    return added;
  });
}

export interface PublishResult {
  published: number;
  alreadyPublished: number;
  missing: string[];
  /** Versions stored but never served (TLP:RED, unknown or granular markings). */
  withheld: number;
}

/**
 * Publishes chosen intel objects (every stored version of each) to a collection. Objects are copied: the
 * collection keeps serving what was published even if the intel store changes later.
 */
export async function publishObjects(
  ctx: CoreContext,
  actor: Actor,
  collectionIdOrAlias: string,
  ids: readonly string[],
): Promise<PublishResult> {
  const collection = await findCollection(ctx, collectionIdOrAlias);
  const versions: NewVersion[] = [];
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    try {
      const rows = await getObject(ctx, id, 'all');
      versions.push(...rows.map((r) => toVersion(r.object as unknown as Record<string, unknown>)));
    } catch (error) {
      if (error instanceof AppError && error.status === 404) missing.push(id);
      else throw error;
    }
  }
  const added = await addToCollection(ctx, actor, collection.id, versions, 'share.objects.published');
  return {
    published: added,
    alreadyPublished: versions.length - added,
    missing,
    withheld: versions.filter((v) => v.release === 'withheld').length,
  };
}
