import type { ShareDb } from './tables.ts';

export const insertStatus = (
  db: ShareDb,
  row: { id: string; collectionId: string; ownerId: string; resource: Record<string, unknown> },
) =>
  db
    .insertInto('share_status')
    .values({
      id: row.id,
      collection_id: row.collectionId,
      owner_id: row.ownerId,
      resource: JSON.stringify(row.resource),
    })
    .execute();

export const statusById = (db: ShareDb, id: string) =>
  db.selectFrom('share_status').selectAll().where('id', '=', id).executeTakeFirst();
