/**
 * An import's row and audit trail from start to end: a heartbeat while it runs, then `finished`, `failed` or
 * `interrupted`, and the error its caller sees when it stops early.
 */
import { recordAudit, type Actor } from '../../core/audit/index.ts';
import type { CoreContext } from '../../core/context.ts';
import { isConnectionError } from '../../core/db/connection-errors.ts';
import { AppError } from '../../core/errors.ts';
import { beatImport, endImport, lockedSummary, startImport } from '../store/imports-store.ts';
import { intelDb } from '../store/tables.ts';
import { sweepAbandonedImports } from './import-sweep.ts';
import type { ImportSummaryJson } from '../store/tables.ts';
import type { ImportReport } from './report.ts';

/**
 * Records the import as running, after marking `interrupted` the imports whose processes died; it says it is
 * alive four times per lease until stopped (silent past its lease, it is taken for dead).
 */
export async function beginImport(ctx: CoreContext, actor: Actor, report: ImportReport): Promise<{ stop: () => void }> {
  const importId = report.importId;
  await sweepAbandonedImports(ctx, 'silent');
  await startImport(intelDb(ctx.db), {
    id: importId,
    source: report.source,
    format: report.format,
    actor_label: actor.label,
  });
  // One warning per outage, without a stack: the CLI's log is its standard output.
  let failing = false;
  const timer = setInterval(
    () => {
      beatImport(intelDb(ctx.db), importId).then(
        () => (failing = false),
        (error: unknown) => {
          if (!failing) ctx.log.warn({ importId, reason: describe(error) }, 'import heartbeat failed');
          failing = true;
        },
      );
    },
    (ctx.config.intelImportLeaseSeconds * 1000) / 4,
  ).unref();
  return { stop: () => clearInterval(timer) };
}

/**
 * Ends the import's row (`finished`, or stopped early with the reason) and audits it, in one transaction. An
 * import stopped early takes its stored counts from its row, which each batch's transaction wrote: a batch whose
 * commit was never acknowledged (the connection dropped) may have committed all the same.
 */
async function writeEnd(
  ctx: CoreContext,
  actor: Actor,
  report: ImportReport,
  early?: { status: 'failed' | 'interrupted'; error: string },
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    if (early) {
      const stored = await lockedSummary(intelDb(trx), report.importId);
      if (stored) adoptStoredCounts(report, stored);
    }
    await endImport(intelDb(trx), report.importId, report, early);
    await recordAudit(trx, actor, {
      action: early ? `intel.import_${early.status}` : 'intel.imported',
      objectType: 'intel_import',
      objectId: report.importId,
      details: { ...auditCounts(report), ...(early ? { error: early.error } : {}) },
    });
  });
}

function adoptStoredCounts(report: ImportReport, summary: ImportSummaryJson) {
  const stored = summary as Partial<Omit<ImportReport, 'rejected'>>;
  if (typeof stored.batches !== 'number' || stored.batches < report.batches) return;
  report.inserted = stored.inserted ?? report.inserted;
  report.duplicates = stored.duplicates ?? report.duplicates;
  report.olderVersions = stored.olderVersions ?? report.olderVersions;
  report.insertedByType = stored.insertedByType ?? report.insertedByType;
  report.indicatorsByKey = stored.indicatorsByKey ?? report.indicatorsByKey;
  report.batches = stored.batches;
}

export const recordFinished = (ctx: CoreContext, actor: Actor, report: ImportReport) => writeEnd(ctx, actor, report);

const auditCounts = (report: ImportReport) => ({
  source: report.source,
  format: report.format,
  received: report.received,
  inserted: report.inserted,
  duplicates: report.duplicates,
  rejected: report.rejectedCount,
});

/** The import's signal was aborted; its reason says by whom. */
export class ImportStopped extends Error {
  constructor(reason: unknown) {
    super(reason === undefined ? 'stopped on request' : describe(reason));
  }
}

/**
 * An import that cannot go on (the database went away, a batch was refused) is marked `failed` with its reason,
 * one stopped on request `interrupted`; either way with what it stored, which is kept. If even that cannot be
 * written, its heartbeat stops and it is marked `interrupted` once its lease runs out. Says whether it was written.
 */
export async function recordEnd(
  ctx: CoreContext,
  actor: Actor,
  report: ImportReport,
  status: 'failed' | 'interrupted',
  reason: string,
): Promise<boolean> {
  try {
    await writeEnd(ctx, actor, report, { status, error: reason });
    return true;
  } catch (secondary) {
    ctx.log.warn(
      { importId: report.importId, reason: describe(secondary) },
      `could not record that an import ${status}`,
    );
    return false;
  }
}

/** Why an import failed, as its row and its caller say it. */
export const failureReason = (error: unknown) =>
  isConnectionError(error) ? `database connection lost (${describe(error)})` : describe(error);

export const importInterrupted = (report: ImportReport, reason: string, recorded: boolean) =>
  stoppedEarly(report, { code: 'import_interrupted', status: 409, title: 'Import interrupted' }, recorded, {
    head: 'import interrupted',
    reason,
  });

export const importFailed = (report: ImportReport, error: unknown, recorded: boolean) =>
  isConnectionError(error)
    ? stoppedEarly(report, { code: 'import_failed', status: 503, title: 'Import failed' }, recorded, {
        head: 'import failed: database connection lost',
      })
    : stoppedEarly(report, { code: 'import_failed', status: 500, title: 'Import failed' }, recorded, {
        head: 'import failed',
        reason: describe(error),
      });

/**
 * What the caller of an import that stopped early is told, on one line: why, after how many batches, what it
 * stored and refused (kept, so importing again adds only the rest), and which import row says so.
 */
function stoppedEarly(
  report: ImportReport,
  error: { code: string; status: number; title: string },
  recorded: boolean,
  why: { head: string; reason?: string },
) {
  const batches = `${report.batches} ${report.batches === 1 ? 'batch' : 'batches'}`;
  return new AppError(
    error.code,
    error.status,
    error.title,
    `${why.head} after ${batches} (stored ${report.inserted}, refused ${report.rejectedCount})` +
      `${why.reason === undefined ? '' : `: ${why.reason}`}; what was stored is kept and importing the source ` +
      `again adds only the rest (import ${report.importId}` +
      `${recorded ? '' : ', to be marked interrupted: its end could not be recorded'})`,
    { import_id: report.importId, inserted: report.inserted, rejected: report.rejectedCount, batches: report.batches },
  );
}

export const describe = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0]! : String(error));
