import { sql, type Updateable } from 'kysely';
import type { DeliveryRow } from './notify-store.ts';
import type { Channel, DeliveryTable, NotifyDb } from './tables.ts';

/** Takes one delivery for one attempt: the attempt's id is its lease, which only it may settle. */
export const claimAttempt = (db: NotifyDb, id: string, attemptId: string, attempts: number) =>
  db
    .updateTable('notify_deliveries')
    .set({ status: 'sending', attempts, claimed_at: new Date(), attempt_id: attemptId, next_attempt_at: null })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();

/**
 * Claims up to `limit` due deliveries of one channel in one statement, each for a new attempt: the attempt's id is
 * its lease, which only it may settle, and the lease ends after `leaseSeconds`. SKIP LOCKED lets workers of every
 * process claim side by side without waiting on, or taking, each other's rows.
 */
export async function claimDue(db: NotifyDb, channel: Channel, limit: number, leaseSeconds: number) {
  const result = await sql<DeliveryRow>`
    update notify_deliveries
       set status = 'sending', attempts = attempts + 1, claimed_at = now(), attempt_id = gen_random_uuid(),
           lease_until = now() + ${leaseSeconds} * interval '1 second', next_attempt_at = null
     where id in (select id from notify_deliveries
                   where status = 'queued' and channel = ${channel} and next_attempt_at <= now()
                   order by next_attempt_at
                   limit ${limit}
                     for update skip locked)
       and status = 'queued'
    returning *`.execute(db);
  return result.rows;
}

/**
 * Deliveries whose attempt outlived its lease (its worker died, or lost the database) go back to queued, due at
 * once. Their attempt id is cleared, so the late answer of such an attempt can only ever record a success.
 */
export async function releaseExpiredLeases(db: NotifyDb) {
  const result = await sql<DeliveryRow>`
    update notify_deliveries
       set status = 'queued', attempt_id = null, lease_until = null, next_attempt_at = now(),
           last_error = 'the attempt did not finish within its lease'
     where id in (select id from notify_deliveries where status = 'sending' and lease_until < now()
                   limit 100 for update skip locked)
       and status = 'sending'
    returning *`.execute(db);
  return result.rows;
}

/**
 * Gives back the lease of attempts a stopping process did not finish: their rows are queued again, due at once, and
 * the interrupted attempt is not counted. Only the rows these attempts still hold.
 */
export async function releaseLeases(db: NotifyDb, attempts: { id: string; attempt_id: string }[]) {
  if (attempts.length === 0) return [];
  const ids = attempts.map((a) => a.attempt_id);
  return db
    .updateTable('notify_deliveries')
    .set({
      status: 'queued',
      attempt_id: null,
      lease_until: null,
      next_attempt_at: sql<Date>`now()`,
      attempts: sql<number>`greatest(attempts - 1, 0)`,
    })
    .where('status', '=', 'sending')
    .where('attempt_id', 'in', ids)
    .returningAll()
    .execute();
}

/**
 * Settles an attempt that did not get through, compare-and-set on the attempt holding the lease: an attempt that
 * lost its lease (another took the delivery over, or it was sent meanwhile) changes nothing. Undefined then.
 */
export const settleAttempt = (
  db: NotifyDb,
  id: string,
  attemptId: string,
  set: Pick<Updateable<DeliveryTable>, 'status' | 'last_error'>,
  retryInSeconds?: number,
) =>
  db
    .updateTable('notify_deliveries')
    .set({
      ...set,
      attempt_id: null,
      lease_until: null,
      next_attempt_at: retryInSeconds === undefined ? null : sql<Date>`now() + ${retryInSeconds} * interval '1 second'`,
    })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('attempt_id', '=', attemptId)
    .returningAll()
    .executeTakeFirst();

/**
 * Records deliveries as sent, whichever attempt got each through (a late success is still a success); a delivery
 * already sent or given up is left as it is. The rows that changed.
 */
export const markSentMany = (db: NotifyDb, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .updateTable('notify_deliveries')
        .set({
          status: 'sent',
          sent_at: new Date(),
          last_error: null,
          attempt_id: null,
          next_attempt_at: null,
          lease_until: null,
        })
        .where('id', 'in', [...ids])
        .where('status', 'in', ['queued', 'sending'])
        .returningAll()
        .execute();

/**
 * Locks notices (in id order, so two settling transactions never wait on each other in a circle): the deliveries
 * of a notice are settled one transaction at a time, and whichever settles the last one sees the others committed.
 */
export const lockNotices = (db: NotifyDb, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('notify_notices')
        .select('id')
        .where('id', 'in', [...ids])
        .orderBy('id')
        .forUpdate()
        .execute();

export const deliveriesOfNotices = (db: NotifyDb, noticeIds: readonly string[]) =>
  noticeIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('notify_deliveries')
        .selectAll()
        .where('notice_id', 'in', [...noticeIds])
        .execute();

/** Approved notices become delivered (or failed); the ones that changed, with their cases. */
export const finishNotices = (db: NotifyDb, ids: readonly string[], delivered: boolean) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .updateTable('notify_notices')
        .set({ state: delivered ? 'delivered' : 'failed', ...(delivered ? { delivered_at: new Date() } : {}) })
        .where('id', 'in', [...ids])
        .where('state', '=', 'approved')
        .returning(['id', 'case_id'])
        .execute();
