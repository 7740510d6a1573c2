import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../core/audit/index.ts';
import type { CoreContext } from '../../core/context.ts';
import { badRequest, notFound } from '../../core/errors.ts';
import { importObjects } from '../../intel/service.ts';
import { collectionFor } from '../collections.ts';
import { addToCollection, toVersion } from '../publish.ts';
import { removeVersions } from '../store/objects-store.ts';
import { selectPage } from '../store/page-query.ts';
import { insertStatus, statusById } from '../store/status-store.ts';
import { shareDb } from '../store/tables.ts';
import type { Caller } from './read.ts';
import type { Filters } from './filters.ts';

interface StatusDetail {
  id: string;
  version: string;
  message?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Adds a posted envelope's objects to the intel store (validated there, one by one) and to the collection,
 * and returns the status resource: every object listed as a success or a failure with its reason.
 */
export async function postEnvelope(ctx: CoreContext, caller: Caller, collectionIdOrAlias: string, body: unknown) {
  const { collection } = await collectionFor(ctx, caller.principal, collectionIdOrAlias, 'write');
  if (!isRecord(body) || (body.objects !== undefined && !Array.isArray(body.objects))) {
    throw badRequest('the body must be a TAXII envelope: {"objects": [...]}');
  }
  const objects = (body.objects ?? []) as unknown[];
  const requestTimestamp = taxiiTimestamp(new Date());
  const report = await importObjects(ctx, caller.actor, objects, `taxii:${collection.id}`);
  const refused = new Map(report.rejected.map((r) => [r.record, r.reason]));
  const successes: StatusDetail[] = [];
  const failures: StatusDetail[] = [];
  const accepted = [];
  for (const [index, object] of objects.entries()) {
    const reason = refused.get(String(index));
    const id = isRecord(object) && typeof object.id === 'string' ? object.id : `objects[${index}]`;
    if (reason !== undefined || !isRecord(object)) {
      const version = isRecord(object) ? String(object.modified ?? object.created ?? '') : '';
      failures.push({ id, version, message: reason ?? 'not a STIX object' });
      continue;
    }
    const version = toVersion(object);
    accepted.push(version);
    successes.push({ id, version: version.version });
  }
  await addToCollection(ctx, caller.actor, collection.id, accepted, 'share.objects.posted');
  // Empty lists are prohibited in TAXII (section 2.1, "list"): an optional list with nothing in it is left out, as
  // the reference server (medallion's generate_status) does.
  const resource = {
    id: randomUUID(),
    status: 'complete',
    request_timestamp: requestTimestamp,
    total_count: objects.length,
    success_count: successes.length,
    ...(successes.length > 0 ? { successes } : {}),
    failure_count: failures.length,
    ...(failures.length > 0 ? { failures } : {}),
    pending_count: 0,
  };
  await insertStatus(shareDb(ctx.db), {
    id: resource.id,
    collectionId: collection.id,
    ownerId: caller.principal?.userId ?? '',
    resource,
  });
  return resource;
}

/**
 * A TAXII timestamp (section 2.1): RFC 3339 in UTC with exactly microsecond precision, unlike STIX's. A Date holds
 * milliseconds, so the last three digits are zeros.
 */
export const taxiiTimestamp = (date: Date) => date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

/** A status resource, only to the caller who made the request. */
export async function statusFor(ctx: CoreContext, caller: Caller, id: string) {
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await statusById(shareDb(ctx.db), id) : undefined;
  if (!row || row.owner_id !== caller.principal?.userId) throw notFound(`no status ${id}`);
  return row.resource;
}

/** Deletes an object (the versions matched by `match[version]` and `match[spec_version]`) from the collection. */
export async function deleteObject(
  ctx: CoreContext,
  caller: Caller,
  collectionIdOrAlias: string,
  stixId: string,
  filters: Filters,
) {
  const { collection } = await collectionFor(ctx, caller.principal, collectionIdOrAlias, 'write');
  const rows = await selectPage(shareDb(ctx.db), {
    ...filters,
    // Without match[spec_version], deleting an object removes it in every STIX version, as with match[version].
    everySpecVersion: !filters.specVersions,
    limit: 100_000,
    ids: [stixId],
    collectionId: collection.id,
    releases: ['open', 'amber', 'withheld'],
  });
  if (rows.length === 0) throw notFound(`no object ${stixId} in this collection`);
  await ctx.db.transaction().execute(async (trx) => {
    await removeVersions(
      shareDb(trx),
      collection.id,
      stixId,
      rows.map((r) => Number(r.seq)),
    );
    await recordAudit(trx, caller.actor, {
      action: 'share.objects.deleted',
      objectType: 'share_collection',
      objectId: collection.id,
      details: { id: stixId, versions: rows.map((r) => r.version) },
    });
  });
}
