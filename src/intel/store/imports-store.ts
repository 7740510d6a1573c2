import { sql } from 'kysely';
import type { ImportReport } from '../ingest/report.ts';
import { storableText, storableValue } from '../../core/io/well-formed-text.ts';
import type { IntelDb } from './tables.ts';

/** How often a running import says it is alive. */
export const HEARTBEAT_MS = 30_000;
/** A running import silent for this long lost its process (crash, kill, power): it is read as `interrupted`. */
const SILENT_FOR = '2 minutes';

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
      summary: JSON.stringify({ received: 0, inserted: 0, duplicates: 0, rejected: 0 }),
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
  const { rejected, importId: _id, ...summary } = report;
  await db
    .updateTable('intel_imports')
    .set({
      status: early?.status ?? 'finished',
      error: early ? storableText(early.error) : null,
      finished_at: new Date(),
      heartbeat_at: sql<Date>`now()`,
      // Refused records quote what they refused: made storable, so a NUL or lone surrogate cannot fail the write.
      summary: JSON.stringify(storableValue({ ...summary, rejected: report.rejectedCount })),
      rejected: JSON.stringify(storableValue(rejected)),
    })
    .where('id', '=', id)
    .execute();
}

/** The status as it stands: a `running` import whose heartbeat stopped is `interrupted`. */
const statusNow = sql<string>`case when status = 'running' and heartbeat_at < now() - ${SILENT_FOR}::interval
  then 'interrupted' else status end`.as('status');

export const getImport = (db: IntelDb, id: string) =>
  db
    .selectFrom('intel_imports')
    .select(['id', 'source', 'format', 'actor_label', statusNow, 'error', 'started_at', 'finished_at'])
    .select(['heartbeat_at', 'summary', 'rejected'])
    .where('id', '=', id)
    .executeTakeFirst();

export const listImports = (db: IntelDb, limit: number) =>
  db
    .selectFrom('intel_imports')
    .select(['id', 'source', 'format', 'actor_label', statusNow, 'error', 'started_at', 'finished_at', 'summary'])
    .orderBy('started_at', 'desc')
    .limit(limit)
    .execute();
