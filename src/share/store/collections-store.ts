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

export interface CollectionChanges {
  title?: string;
  description?: string | null;
  readGroups?: string[];
  writeGroups?: string[];
  amberGroups?: string[];
}

export const updateCollectionRow = (db: ShareDb, id: string, c: CollectionChanges) =>
  db
    .updateTable('share_collections')
    .set({
      ...(c.title !== undefined ? { title: c.title } : {}),
      ...(c.description !== undefined ? { description: c.description } : {}),
      ...(c.readGroups ? { read_groups: JSON.stringify(c.readGroups) } : {}),
      ...(c.writeGroups ? { write_groups: JSON.stringify(c.writeGroups) } : {}),
      ...(c.amberGroups ? { amber_groups: JSON.stringify(c.amberGroups) } : {}),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

/** Deletes a collection; its object versions and status resources go with it (foreign keys cascade). */
export const deleteCollectionRow = async (db: ShareDb, id: string) => {
  const objects = await db
    .selectFrom('share_objects')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('collection_id', '=', id)
    .executeTakeFirstOrThrow();
  await db.deleteFrom('share_collections').where('id', '=', id).execute();
  return Number(objects.n);
};
