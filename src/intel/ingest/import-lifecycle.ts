/**
 * An import's row and audit trail from start to end: a heartbeat while it runs, then `finished`, `failed` or
 * `interrupted`, and the error its caller sees when it stops early.
 */
import { recordAudit, type Actor } from '../../core/audit/index.ts';
import type { CoreContext } from '../../core/context.ts';
import { isConnectionError } from '../../core/db/connection-errors.ts';
import { AppError } from '../../core/errors.ts';
import { beatImport, endImport, HEARTBEAT_MS, startImport } from '../store/imports-store.ts';
import { intelDb } from '../store/tables.ts';
import type { ImportReport } from './report.ts';

/** Records the import as running; it says it is alive every HEARTBEAT_MS until stopped (else: `interrupted`). */
export async function beginImport(ctx: CoreContext, actor: Actor, report: ImportReport): Promise<{ stop: () => void }> {
  const importId = report.importId;
  await startImport(intelDb(ctx.db), {
    id: importId,
    source: report.source,
    format: report.format,
    actor_label: actor.label,
  });
  const timer = setInterval(() => {
    beatImport(intelDb(ctx.db), importId).catch((error: unknown) =>
      ctx.log.warn({ err: error, importId }, 'import heartbeat failed'),
    );
  }, HEARTBEAT_MS).unref();
  return { stop: () => clearInterval(timer) };
}

/** Ends the import's row (`finished`, or stopped early with the reason) and audits it, in one transaction. */
async function writeEnd(
  ctx: CoreContext,
  actor: Actor,
  report: ImportReport,
  early?: { status: 'failed' | 'interrupted'; error: string },
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await endImport(intelDb(trx), report.importId, report, early);
    await recordAudit(trx, actor, {
      action: early ? `intel.import_${early.status}` : 'intel.imported',
      objectType: 'intel_import',
      objectId: report.importId,
      details: { ...auditCounts(report), ...(early ? { error: early.error } : {}) },
    });
  });
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
 * written, its heartbeat stops and it reads as `interrupted`.
 */
export async function recordEnd(
  ctx: CoreContext,
  actor: Actor,
  report: ImportReport,
  status: 'failed' | 'interrupted',
  reason: string,
) {
  try {
    await writeEnd(ctx, actor, report, { status, error: reason });
  } catch (secondary) {
    ctx.log.error({ err: secondary, importId: report.importId }, `could not record that an import ${status}`);
  }
}

export const importInterrupted = (report: ImportReport) =>
  stoppedEarly(report, 'import_interrupted', 409, 'Import interrupted', 'was stopped');

export const importFailed = (report: ImportReport, error: unknown) =>
  stoppedEarly(report, 'import_failed', isConnectionError(error) ? 503 : 500, 'Import failed', 'stopped', error);

/** What the caller of an import that stopped early is told: which import, and what it kept. */
const stoppedEarly = (
  report: ImportReport,
  code: string,
  status: number,
  title: string,
  verb: string,
  error?: unknown,
) =>
  new AppError(
    code,
    status,
    title,
    `import ${report.importId} ${verb} after storing ${report.inserted} new versions, which are kept ` +
      `(importing the source again adds only the rest)${error === undefined ? '' : `: ${describe(error)}`}`,
    { import_id: report.importId, inserted: report.inserted },
  );

export const describe = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0]! : String(error));
