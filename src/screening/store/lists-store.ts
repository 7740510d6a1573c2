import { sql, type Insertable } from 'kysely';
import type { EntryTable, ScreeningDb } from './tables.ts';

const BATCH = 1_000;

export const findListByName = (db: ScreeningDb, name: string) =>
  db.selectFrom('screening_lists').selectAll().where('name', '=', name).executeTakeFirst();

export const listLists = (db: ScreeningDb) => db.selectFrom('screening_lists').selectAll().orderBy('name').execute();

export const listImports = (db: ScreeningDb, listId: string) =>
  db
    .selectFrom('screening_list_imports')
    .selectAll()
    .where('list_id', '=', listId)
    .orderBy('imported_at', 'desc')
    .execute();

export const entryDigests = (db: ScreeningDb, listId: string) =>
  db
    .selectFrom('screening_entries')
    .select(['id', 'external_id', 'name', 'digest'])
    .where('list_id', '=', listId)
    .execute();

export async function insertEntries(db: ScreeningDb, rows: Insertable<EntryTable>[]) {
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insertInto('screening_entries')
      .values(rows.slice(i, i + BATCH))
      .execute();
  }
}

export async function deleteEntries(db: ScreeningDb, ids: string[]) {
  for (let i = 0; i < ids.length; i += BATCH) {
    await db
      .deleteFrom('screening_entries')
      .where('id', 'in', ids.slice(i, i + BATCH))
      .execute();
  }
}

/** Moves the entries version and returns the new one (the row lock also serialises concurrent imports). */
export async function bumpEntriesVersion(db: ScreeningDb): Promise<number> {
  const row = await db
    .updateTable('screening_state')
    .set({ entries_version: sql`entries_version + 1` })
    .where('id', '=', 1)
    .returning('entries_version')
    .executeTakeFirstOrThrow();
  return Number(row.entries_version);
}

export async function entriesVersion(db: ScreeningDb): Promise<number> {
  const row = await db.selectFrom('screening_state').select('entries_version').where('id', '=', 1).executeTakeFirst();
  return Number(row?.entries_version ?? 0);
}

/** Every entry with its list's name, in pages by id (for building the in-memory index). */
export const entriesPage = (db: ScreeningDb, afterId: string | null, limit: number) => {
  let q = db
    .selectFrom('screening_entries as e')
    .innerJoin('screening_lists as l', 'l.id', 'e.list_id')
    .select([
      'e.id',
      'e.external_id',
      'e.name',
      'e.aliases',
      'e.countries',
      'e.domains',
      'e.programs',
      'e.source_url',
      'l.name as list_name',
    ])
    .orderBy('e.id')
    .limit(limit);
  if (afterId) q = q.where('e.id', '>', afterId);
  return q.execute();
};
