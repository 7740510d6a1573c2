import type { Insertable } from 'kysely';
import type { SessionTable } from '../db/core-tables.ts';
import type { Executor } from '../db/database.ts';

export const insertSession = (db: Executor, row: Insertable<SessionTable>) =>
  db.insertInto('sessions').values(row).execute();

/** A live session with its user, or undefined when expired, unknown or the user is disabled. */
export const findLiveSession = (db: Executor, id: string, now: Date) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.csrf_token',
      'sessions.mfa_verified',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'users.id as user_id',
      'users.username',
      'users.role',
      'users.totp_enabled_at',
    ])
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', now)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();

export const markSessionVerified = (db: Executor, id: string) =>
  db.updateTable('sessions').set({ mfa_verified: true }).where('id', '=', id).execute();

export const touchSession = (db: Executor, id: string, now: Date) =>
  db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();

export const deleteSession = (db: Executor, id: string) => db.deleteFrom('sessions').where('id', '=', id).execute();

export const deleteUserSessions = (db: Executor, userId: string) =>
  db.deleteFrom('sessions').where('user_id', '=', userId).execute();

/** Deletes sessions that expired before `now` (they are refused already; this keeps the table small). */
export async function deleteExpiredSessions(db: Executor, now: Date): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
