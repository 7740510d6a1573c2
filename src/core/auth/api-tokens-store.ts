import type { Insertable } from 'kysely';
import type { ApiTokenTable } from '../db/core-tables.ts';
import type { Executor } from '../db/database.ts';

export const insertApiToken = (db: Executor, row: Insertable<ApiTokenTable>) =>
  db.insertInto('api_tokens').values(row).execute();

export const findApiTokenWithUser = (db: Executor, id: string) =>
  db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'api_tokens.secret_hash',
      'api_tokens.scopes',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
      'users.id as user_id',
      'users.username',
      'users.role',
      'users.disabled_at',
      'users.totp_enabled_at',
    ])
    .where('api_tokens.id', '=', id)
    .executeTakeFirst();

export const findApiToken = (db: Executor, id: string) =>
  db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();

export const listApiTokens = (db: Executor, userId?: string) => {
  let q = db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc');
  if (userId) q = q.where('user_id', '=', userId);
  return q.execute();
};

export const revokeApiToken = (db: Executor, id: string, now: Date) =>
  db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();

export const touchApiToken = (db: Executor, id: string, now: Date) =>
  db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();

export const revokeApiTokensOfUser = (db: Executor, userId: string, now: Date) =>
  db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
