import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

/** What decides a lock: the attempts allowed and, should this failure reach them, when the lock ends. */
export interface LockRule {
  maxAttempts: number;
  now: Date;
  lockUntil: Date;
}

/**
 * Counts one failed sign-in step in a single statement, so parallel failures all add up. The count starts again
 * at 1 once an earlier lock has run out; the failure that reaches `maxAttempts` sets the lock, and failures
 * during a lock leave it as it is. Returns the count after this failure and the lock.
 */
export function countSignInFailure(db: Executor, userId: string, rule: LockRule) {
  const lockRanOut = sql<boolean>`(locked_until is not null and locked_until <= ${rule.now})`;
  const count = sql<number>`(case when ${lockRanOut} then 1 else failed_login_count + 1 end)`;
  return db
    .updateTable('users')
    .set({
      failed_login_count: count,
      locked_until: sql<Date | null>`case
        when locked_until > ${rule.now} then locked_until
        when ${count} >= ${rule.maxAttempts} then ${rule.lockUntil}::timestamptz
        else null end`,
    })
    .where('id', '=', userId)
    .returning(['failed_login_count', 'locked_until'])
    .executeTakeFirst();
}

/** Clears the failure count unless the account is locked at `now`; undefined when it is (the step is refused). */
export const clearSignInFailures = (db: Executor, userId: string, now: Date) =>
  db
    .updateTable('users')
    .set({ failed_login_count: 0, locked_until: null })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning('id')
    .executeTakeFirst();

/**
 * Accepts a TOTP time step once: records it and clears the failure count only if it is later than the last
 * accepted step and the account is not locked. Undefined when the code was replayed (or raced by a parallel
 * use of the same code) or the account is locked.
 */
export const acceptTotpStep = (db: Executor, userId: string, step: number, now: Date) =>
  db
    .updateTable('users')
    .set({ totp_last_step: step, failed_login_count: 0, locked_until: null })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning('id')
    .executeTakeFirst();
