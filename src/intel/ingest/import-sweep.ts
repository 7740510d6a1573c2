import { recordAudit, systemActor } from '../../core/audit/index.ts';
import type { CoreContext } from '../../core/context.ts';
import { sweepSilentImports } from '../store/imports-store.ts';
import { intelDb } from '../store/tables.ts';

const sweeper = systemActor('intel import sweep');

/**
 * Marks `interrupted` the imports whose process died (killed, crashed, cut off from the database) and left them
 * `running`, with the counts of their last committed batch, which equal what they stored; each is audited in the
 * same transaction. An import counts as dead once silent for longer than its lease (ACCORD_INTEL_IMPORT_LEASE_SECONDS),
 * so a live one in another process, which beats four times per lease, is never taken. At start-up on the embedded
 * database every running import is dead: this process holds the data directory alone (see lockDataDir).
 */
export async function sweepAbandonedImports(ctx: CoreContext, when: 'start-up' | 'silent') {
  const lease = when === 'start-up' && ctx.dbKind === 'pglite' ? 'all' : ctx.config.intelImportLeaseSeconds;
  return ctx.db.transaction().execute(async (trx) => {
    const swept = await sweepSilentImports(intelDb(trx), lease);
    for (const row of swept) {
      await recordAudit(trx, sweeper, {
        action: 'intel.import_interrupted',
        objectType: 'intel_import',
        objectId: row.id,
        details: {
          source: row.source,
          format: row.format,
          received: row.summary.received,
          inserted: row.summary.inserted,
          duplicates: row.summary.duplicates,
          rejected: row.summary.rejected,
          error: row.error,
        },
      });
    }
    return swept;
  });
}
