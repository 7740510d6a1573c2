import type { ClientDb, Refusal } from './tables.ts';

/** Where a pull stands in the remote collection. */
export interface Position {
  addedAfter: string | null;
  next: string | null;
  windowLast: string | null;
}

export const subscriptionRow = (db: ClientDb, id: string) =>
  db.selectFrom('share_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();

/**
 * Saves a stored page: the new position and the counts, in one statement, and only if the position is still the
 * one this pull started the page from. A page is thus counted once whatever happens: a crash before this leaves
 * the old position (the page is fetched again, its import adds nothing), and a pull running alongside that moved
 * on first makes this one stop (false) rather than count the page twice.
 */
export async function savePage(
  db: ClientDb,
  id: string,
  from: Position,
  to: Position,
  page: { received: number; refused: number; refusals: Refusal[] },
): Promise<boolean> {
  const result = await db
    .updateTable('share_subscriptions')
    .set((eb) => ({
      added_after: to.addedAfter,
      next_token: to.next,
      window_last: to.windowLast,
      objects_received: eb('objects_received', '+', page.received),
      objects_refused: eb('objects_refused', '+', page.refused),
      ...(page.refusals.length > 0 ? { last_refusals: JSON.stringify(page.refusals.slice(0, 20)) } : {}),
      last_error: null,
    }))
    .where('id', '=', id)
    .where('added_after', 'is not distinct from', from.addedAfter)
    .where('next_token', 'is not distinct from', from.next)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const markPulled = (db: ClientDb, id: string) =>
  db.updateTable('share_subscriptions').set({ last_pulled_at: new Date() }).where('id', '=', id).execute();

export const recordPullError = (db: ClientDb, id: string, message: string) =>
  db
    .updateTable('share_subscriptions')
    .set({ last_error: message.slice(0, 1000) })
    .where('id', '=', id)
    .execute();
