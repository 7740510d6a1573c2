import type { ShareDb } from './tables.ts';

export interface NewCollection {
  id: string;
  title: string;
  description: string | null;
  alias: string | null;
  readGroups: string[];
  writeGroups: string[];
  amberGroups: string[];
}

export const insertCollection = (db: ShareDb, c: NewCollection) =>
  db
    .insertInto('share_collections')
    .values({
      id: c.id,
      title: c.title,
      description: c.description,
      alias: c.alias,
      read_groups: JSON.stringify(c.readGroups),
      write_groups: JSON.stringify(c.writeGroups),
      amber_groups: JSON.stringify(c.amberGroups),
    })
    .returningAll()
    .executeTakeFirstOrThrow();

export const allCollections = (db: ShareDb) =>
  db.selectFrom('share_collections').selectAll().orderBy('created_at').orderBy('id').execute();

export const collectionById = (db: ShareDb, id: string) =>
  db.selectFrom('share_collections').selectAll().where('id', '=', id).executeTakeFirst();

export const collectionByAlias = (db: ShareDb, alias: string) =>
  db.selectFrom('share_collections').selectAll().where('alias', '=', alias).executeTakeFirst();
