import type { Insertable, Selectable, Updateable } from 'kysely';
import type { UserTable } from '../db/core-tables.ts';
import type { Executor } from '../db/database.ts';

export type UserRow = Selectable<UserTable>;

export const findUserById = (db: Executor, id: string) =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export const findUserByUsername = (db: Executor, username: string) =>
  db.selectFrom('users').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();

export const insertUser = (db: Executor, row: Insertable<UserTable>) =>
  db.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();

export const updateUser = (db: Executor, id: string, changes: Updateable<UserTable>) =>
  db
    .updateTable('users')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();

export const listUsers = (db: Executor) => db.selectFrom('users').selectAll().orderBy('username').execute();

export async function countUsers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
