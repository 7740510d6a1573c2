import { systemActor } from '../../core/audit/index.ts';
import type { CoreContext } from '../../core/context.ts';
import { importObjects } from '../../intel/service.ts';
import { fetchPage, RemoteError } from './fetch-page.ts';
import { markPulled, recordPullError, savePage, subscriptionRow, type Position } from './position-store.ts';
import { clientDb, type Refusal } from './tables.ts';
import { justBefore, later } from './timestamps.ts';

export { SECRET_CONTEXT } from './fetch-page.ts';

/** Pages one pull reads at most; a longer backlog continues in the next pull, from where this one stopped. */
export const MAX_PAGES_PER_PULL = 1000;
const PAGE_SIZE = 1000;
// What servers answer to a `next` they no longer know (medallion's tokens expire; Accord's never do).
const STALE_NEXT = new Set([400, 404, 410]);

export interface PullOptions {
  maxPages?: number;
  pageSize?: number;
}

export interface PullResult {
  pages: number;
  received: number;
  inserted: number;
  rejected: number;
  /** False when the pull stopped at its page limit (or another pull moved on): the next one continues. */
  caughtUp: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The position after a stored page. */
function advance(from: Position, envelope: { more?: boolean; next?: string }, last: string | null): Position {
  const windowLast = later(from.windowLast, last);
  if (envelope.more && envelope.next) return { addedAfter: from.addedAfter, next: envelope.next, windowLast };
  // A server that pages by added_after alone (`more` without `next`) continues after what it served last.
  if (envelope.more && last) return { addedAfter: last, next: null, windowLast: null };
  return { addedAfter: windowLast ?? from.addedAfter, next: null, windowLast: null };
}

/**
 * Pulls what a remote collection added since the last pull, a page at a time, into the intelligence store.
 * Pages of one window follow `next` under the same `added_after`; the window's start moves only when the window
 * is done (objects added in one transaction can share a date_added, and `added_after` alone could step over some).
 * The position is saved with every page, so a pull interrupted after page k resumes at page k + 1 and a backlog
 * longer than `maxPages` converges over successive pulls. Refused objects are counted and their reasons kept on
 * the subscription; errors are recorded there and thrown (the job retries).
 */
export async function pullSubscription(ctx: CoreContext, id: string, options: PullOptions = {}): Promise<PullResult> {
  const db = clientDb(ctx.db);
  const sub = await subscriptionRow(db, id);
  if (!sub) throw new Error(`no subscription ${id}`);
  const maxPages = options.maxPages ?? MAX_PAGES_PER_PULL;
  const result: PullResult = { pages: 0, received: 0, inserted: 0, rejected: 0, caughtUp: false };
  let stored: Position = { addedAfter: sub.added_after, next: sub.next_token, windowLast: sub.window_last };
  let asked = stored;
  try {
    while (result.pages < maxPages) {
      let page;
      try {
        page = await fetchPage(ctx, sub, { ...asked, limit: options.pageSize ?? PAGE_SIZE });
      } catch (error) {
        if (!(asked.next && error instanceof RemoteError && STALE_NEXT.has(error.status ?? 0))) throw error;
        // The remote forgot the token: reopen the window just before the last date stored. Nothing is skipped;
        // objects added at that very date come again and are imported once.
        const from = (asked.windowLast && justBefore(asked.windowLast)) ?? asked.addedAfter;
        asked = { addedAfter: from, next: null, windowLast: asked.windowLast };
        continue;
      }
      const objects = page.envelope.objects ?? [];
      const refusals: Refusal[] = [];
      let refused = 0;
      if (objects.length > 0) {
        const report = await importObjects(ctx, systemActor(`taxii:${sub.name}`), objects, `taxii:${sub.name}`);
        result.inserted += report.inserted;
        result.rejected += report.rejectedCount;
        refused = report.rejectedCount;
        for (const r of report.rejected) {
          const object = objects[Number(r.record)];
          const version = isRecord(object) ? String(object.modified ?? object.created ?? '') : '';
          refusals.push({ id: r.id ?? `objects[${r.record}]`, version, reason: r.reason });
        }
      }
      const to = advance(asked, page.envelope, page.last);
      if (!(await savePage(db, id, stored, to, { received: objects.length, refused, refusals }))) {
        ctx.log.info({ subscription: sub.name }, 'another pull of this subscription moved on; this one stops');
        return result;
      }
      stored = asked = to;
      result.pages++;
      result.received += objects.length;
      if (!to.next && !(page.envelope.more && page.last)) {
        result.caughtUp = true;
        break;
      }
    }
    await markPulled(db, id);
    return result;
  } catch (error) {
    await recordPullError(db, id, (error as Error).message);
    throw error;
  }
}
