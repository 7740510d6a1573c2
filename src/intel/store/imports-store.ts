import type { ImportReport } from '../ingest/report.ts';
import type { IntelDb } from './tables.ts';

export async function startImport(
  db: IntelDb,
  row: { id: string; source: string; format: string; actor_label: string },
): Promise<void> {
  await db
    .insertInto('intel_imports')
    .values({
      ...row,
      status: 'running',
      started_at: new Date(),
      summary: JSON.stringify({ received: 0, inserted: 0, duplicates: 0, rejected: 0 }),
      rejected: '[]',
    })
    .execute();
}

export async function finishImport(db: IntelDb, id: string, report: ImportReport): Promise<void> {
  const { rejected, importId: _id, ...summary } = report;
  await db
    .updateTable('intel_imports')
    .set({
      status: 'finished',
      finished_at: new Date(),
      summary: JSON.stringify({ ...summary, rejected: report.rejectedCount }),
      rejected: JSON.stringify(rejected),
    })
    .where('id', '=', id)
    .execute();
}

export const getImport = (db: IntelDb, id: string) =>
  db.selectFrom('intel_imports').selectAll().where('id', '=', id).executeTakeFirst();

export const listImports = (db: IntelDb, limit: number) =>
  db
    .selectFrom('intel_imports')
    .select(['id', 'source', 'format', 'actor_label', 'status', 'started_at', 'finished_at', 'summary'])
    .orderBy('started_at', 'desc')
    .limit(limit)
    .execute();
