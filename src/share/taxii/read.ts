import { recordAudit, type Actor } from '../../core/audit/index.ts';
import type { Principal } from '../../core/auth/principal.ts';
import type { CoreContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { collectionFor } from '../collections.ts';
import { releasesFor } from '../release.ts';
import { selectPage } from '../store/page-query.ts';
import { shareDb } from '../store/tables.ts';
import { encodeNext } from './cursor.ts';
import type { Filters } from './filters.ts';

export interface Caller {
  principal: Principal | undefined;
  actor: Actor;
}

export interface ReadPage {
  rows: Array<{
    stix_id: string;
    version: string;
    spec_version: string;
    date_added: string;
    object: Record<string, unknown>;
  }>;
  more: boolean;
  next?: string;
  /** Date added of the first and last row, for the X-TAXII-Date-Added-First/-Last headers. */
  first?: string;
  last?: string;
  /**
   * For one object (endpoints `object` and `versions`): whether the collection holds any version of it this caller
   * may see, whatever the filters. An object held is a 200 with an empty envelope when the filters exclude every
   * version, an object not held a 404 (sections 5.6 and 5.8; medallion answers the same way).
   */
  held?: boolean;
}

/**
 * One page of a collection as this caller may see it: only releases it may receive (never a withheld one),
 * in `seq` order. Every read is audited, with what was asked and how much was served.
 */
export async function readCollection(
  ctx: CoreContext,
  caller: Caller,
  collectionIdOrAlias: string,
  filters: Filters,
  endpoint: string,
): Promise<ReadPage> {
  const { collection, rights } = await collectionFor(ctx, caller.principal, collectionIdOrAlias, 'read').catch(
    async (error: unknown) => {
      // A peer probing collections it may not read is worth knowing about: refusals are audited too.
      if (error instanceof AppError && (error.status === 403 || error.status === 404)) {
        await ctx.db.transaction().execute((trx) =>
          recordAudit(trx, caller.actor, {
            action: 'share.objects.read_refused',
            objectType: 'share_collection',
            objectId: collectionIdOrAlias.slice(0, 100),
            details: { endpoint, status: error.status },
          }),
        );
      }
      throw error;
    },
  );
  const rows = await selectPage(shareDb(ctx.db), {
    ...filters,
    collectionId: collection.id,
    releases: releasesFor(rights.amber),
  });
  const more = rows.length > filters.limit;
  const page = more ? rows.slice(0, filters.limit) : rows;
  const oneObject = (endpoint === 'object' || endpoint === 'versions') && filters.ids?.length === 1;
  const held =
    !oneObject || page.length > 0 || filters.afterSeq !== undefined
      ? true
      : (
          await selectPage(shareDb(ctx.db), {
            collectionId: collection.id,
            releases: releasesFor(rights.amber),
            ids: filters.ids,
            versions: { first: false, last: false, all: true, at: [] },
            limit: 0,
          })
        ).length > 0;
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, caller.actor, {
      action: 'share.objects.read',
      objectType: 'share_collection',
      objectId: collection.id,
      details: {
        endpoint,
        served: page.length,
        ...(filters.ids ? { ids: filters.ids.slice(0, 20) } : {}),
        ...(filters.types ? { types: filters.types } : {}),
      },
    }),
  );
  const lastRow = page.at(-1);
  return {
    rows: page,
    more,
    ...(oneObject ? { held } : {}),
    ...(more && lastRow ? { next: encodeNext(Number(lastRow.seq)) } : {}),
    ...(page.length > 0 ? { first: page[0]!.date_added, last: lastRow!.date_added } : {}),
  };
}
