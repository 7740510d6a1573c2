import { sql } from 'kysely';
import type { BulkSession } from '../../core/db/bulk.ts';
import type { ImportReport } from '../ingest/report.ts';
import { storableText, storableValue } from '../../core/io/well-formed-text.ts';
import type { ImportSummaryJson, IntelDb } from './tables.ts';

export async function startImport(
  db: IntelDb,
  row: { id: string; source: string; format: string; actor_label: string },
): Promise<void> {
  await db
    .insertInto('intel_imports')
    .values({
      ...row,
      source: storableText(row.source),
      status: 'running',
      started_at: new Date(),
      heartbeat_at: sql<Date>`now()`,
      summary: JSON.stringify({ received: 0, inserted: 0, duplicates: 0, rejected: 0, batches: 0 }),
      rejected: '[]',
    })
    .execute();
}

export async function beatImport(db: IntelDb, id: string): Promise<void> {
  await db
    .updateTable('intel_imports')
    .set({ heartbeat_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

/** The counts an import's row keeps (the refused records themselves are listed once it ends). */
export function summaryOf(report: ImportReport): ImportSummaryJson {
  const { rejected: _rejected, importId: _id, ...summary } = report;
  // Refused records quote what they refused: made storable, so a NUL or lone surrogate cannot fail the write.
  return storableValue({ ...summary, rejected: report.rejectedCount });
}

/**
 * Inside a batch's transaction: the import's counts as they stand once the batch commits, so the row always says
 * what is stored. False when the row is no longer `running` (it was taken for dead and marked `interrupted`): the
 * batch must then be rolled back, since no process owns the import any more.
 */
export async function recordProgress(s: BulkSession, id: string, summary: ImportSummaryJson): Promise<boolean> {
  const { rows } = await s.query(
    `update intel_imports set summary = $1::jsonb, heartbeat_at = now() where id = $2 and status = 'running'
     returning id`,
    [JSON.stringify(summary), id],
  );
  return rows.length === 1;
}

/** The counts the import's row holds, locked until the transaction ends (the row is being closed). */
export const lockedSummary = async (db: IntelDb, id: string) =>
  (await db.selectFrom('intel_imports').select('summary').where('id', '=', id).forUpdate().executeTakeFirst())?.summary;

/**
 * Ends an import: `finished`, or stopped early (`failed`, `interrupted`) with the reason; the counts are what it
 * stored.
 */
export async function endImport(
  db: IntelDb,
  id: string,
  report: ImportReport,
  early?: { status: 'failed' | 'interrupted'; error: string },
): Promise<void> {
  await db
    .updateTable('intel_imports')
    .set({
      status: early?.status ?? 'finished',
      error: early ? storableText(early.error) : null,
      finished_at: new Date(),
      heartbeat_at: sql<Date>`now()`,
      summary: JSON.stringify(summaryOf(report)),
      rejected: JSON.stringify(storableValue(report.rejected)),
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Marks `interrupted` every running import silent for longer than `leaseSeconds` (or every running one, when the
 * caller knows none can be alive), keeping the counts its last committed batch wrote. Returns what it marked.
 */
export const sweepSilentImports = (db: IntelDb, leaseSeconds: number | 'all') =>
  db
    .updateTable('intel_imports')
    .set({
      status: 'interrupted',
      error: sql<string>`'its process stopped without ending it (last sign of life ' ||
        to_char(heartbeat_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ')'`,
      finished_at: sql<Date>`heartbeat_at`,
    })
    .where('status', '=', 'running')
    .$if(leaseSeconds !== 'all', (q) => q.where('heartbeat_at', '<', silentSince(Number(leaseSeconds))))
    .returning(['id', 'source', 'format', 'summary', 'error'])
    .execute();

const silentSince = (leaseSeconds: number) => sql<Date>`now() - make_interval(secs => ${leaseSeconds})`;

/** The status as it stands: a `running` import silent for longer than its lease is `interrupted`. */
const statusNow = (leaseSeconds: number) =>
  sql<string>`case when status = 'running' and heartbeat_at < ${silentSince(leaseSeconds)}
  then 'interrupted' else status end`.as('status');

export const getImport = (db: IntelDb, id: string, leaseSeconds: number) =>
  db
    .selectFrom('intel_imports')
    .select(['id', 'source', 'format', 'actor_label', statusNow(leaseSeconds), 'error', 'started_at', 'finished_at'])
    .select(['heartbeat_at', 'summary', 'rejected'])
    .where('id', '=', id)
    .executeTakeFirst();

export const listImports = (db: IntelDb, limit: number, leaseSeconds: number) =>
  db
    .selectFrom('intel_imports')
    .select(['id', 'source', 'format', 'actor_label', statusNow(leaseSeconds), 'error', 'started_at', 'finished_at'])
    .select('summary')
    .orderBy('started_at', 'desc')
    .limit(limit)
    .execute();
