import type { Updateable } from 'kysely';
import type { DeliveryTable, NotifyDb } from './tables.ts';

/** Takes a delivery for one attempt: the attempt's id is its lease, which only it may settle. */
export const claimAttempt = (db: NotifyDb, id: string, attemptId: string, attempts: number) =>
  db
    .updateTable('notify_deliveries')
    .set({ status: 'sending', attempts, claimed_at: new Date(), attempt_id: attemptId, next_attempt_at: null })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();

/**
 * Records a delivery as sent, whichever attempt got it through (a late success is still a success); a delivery
 * already sent or given up is left as it is. Undefined when nothing changed.
 */
export const markSent = (db: NotifyDb, id: string) =>
  db
    .updateTable('notify_deliveries')
    .set({ status: 'sent', sent_at: new Date(), last_error: null, attempt_id: null, next_attempt_at: null })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'sending'])
    .returningAll()
    .executeTakeFirst();

/**
 * Settles an attempt that did not get through, compare-and-set on the attempt holding the lease: an attempt that
 * lost its lease (another took the delivery over, or it was sent meanwhile) changes nothing. Undefined then.
 */
export const settleAttempt = (
  db: NotifyDb,
  id: string,
  attemptId: string,
  set: Pick<Updateable<DeliveryTable>, 'status' | 'last_error' | 'next_attempt_at' | 'attempts'>,
) =>
  db
    .updateTable('notify_deliveries')
    .set({ ...set, attempt_id: null })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('attempt_id', '=', attemptId)
    .returningAll()
    .executeTakeFirst();
