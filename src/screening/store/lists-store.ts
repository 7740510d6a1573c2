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

/** The entries version, and the version after which the change log is complete. */
export async function entriesState(db: ScreeningDb): Promise<{ version: number; changesFrom: number }> {
  const row = await db
    .selectFrom('screening_state')
    .select(['entries_version', 'changes_from'])
    .where('id', '=', 1)
    .executeTakeFirst();
  const version = Number(row?.entries_version ?? 0);
  return { version, changesFrom: Number(row?.changes_from ?? version) };
}

// Versions of changes kept: an index further behind than this rebuilds from every entry.
const KEPT_VERSIONS = 100;

/** Logs the entries an import added, changed or removed under its version, and forgets long-past versions. */
export async function recordEntryChanges(db: ScreeningDb, version: number, entryIds: Iterable<string>) {
  const rows = [...new Set(entryIds)].map((entry_id) => ({ version, entry_id }));
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insertInto('screening_entry_changes')
      .values(rows.slice(i, i + BATCH))
      .execute();
  }
  const before = version - KEPT_VERSIONS;
  if (before > 0) {
    await db.deleteFrom('screening_entry_changes').where('version', '<=', before).execute();
    await db
      .updateTable('screening_state')
      .set({ changes_from: sql`greatest(coalesce(changes_from, 0), ${before})` })
      .where('id', '=', 1)
      .execute();
  }
}

/** Ids of the entries changed after version `after` up to `upTo`. */
export const entryChangesBetween = (db: ScreeningDb, after: number, upTo: number) =>
  db
    .selectFrom('screening_entry_changes')
    .select('entry_id')
    .distinct()
    .where('version', '>', after)
    .where('version', '<=', upTo)
    .execute();

const entryRows = (db: ScreeningDb) =>
  db
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
    ]);

/** Every entry with its list's name, in pages by id (for building the in-memory index). */
export const entriesPage = (db: ScreeningDb, afterId: string | null, limit: number) => {
  let q = entryRows(db).orderBy('e.id').limit(limit);
  if (afterId) q = q.where('e.id', '>', afterId);
  return q.execute();
};

/** The entries with these ids that still exist, with their list's name. */
export const entriesByIds = (db: ScreeningDb, ids: readonly string[]) =>
  ids.length === 0 ? Promise.resolve([]) : entryRows(db).where('e.id', 'in', ids).execute();
