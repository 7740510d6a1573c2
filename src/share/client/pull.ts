import { systemActor } from '../../core/audit/index.ts';
import type { CoreContext } from '../../core/context.ts';
import { fetchOutbound } from '../../core/http/outbound.ts';
import { importObjects } from '../../intel/service.ts';
import type { Selectable } from 'kysely';
import { clientDb, type SubscriptionTable } from './tables.ts';

const TAXII = 'application/taxii+json;version=2.1';
const PAGE = 1000;
const MAX_PAGES_PER_PULL = 1000;
export const SECRET_CONTEXT = 'share_subscriptions.secret_enc';

export interface PullResult {
  pages: number;
  received: number;
  inserted: number;
  rejected: number;
}

interface Envelope {
  more?: boolean;
  next?: string;
  objects?: unknown[];
}

async function fetchPage(
  ctx: CoreContext,
  sub: Selectable<SubscriptionTable>,
  addedAfter: string | null,
  next: string | null,
) {
  const url = new URL('objects/', sub.url.endsWith('/') ? sub.url : `${sub.url}/`);
  url.searchParams.set('limit', String(PAGE));
  if (addedAfter) url.searchParams.set('added_after', addedAfter);
  if (next) url.searchParams.set('next', next);
  const headers: Record<string, string> = { accept: TAXII };
  if (sub.secret_enc) {
    const secret = await ctx.keyring.decrypt(sub.secret_enc, SECRET_CONTEXT);
    headers.authorization = `Basic ${Buffer.from(`${sub.username ?? ''}:${secret}`).toString('base64')}`;
  }
  const response = await fetchOutbound(ctx.config, url.toString(), { headers });
  if (response.status === 204) return { envelope: {} as Envelope, last: null };
  const text = await response.text();
  if (!response.ok) throw new Error(`${url.origin} answered HTTP ${response.status}: ${text.slice(0, 200)}`);
  let envelope: Envelope;
  try {
    envelope = JSON.parse(text) as Envelope;
  } catch {
    throw new Error(`${url.origin} did not answer with a TAXII envelope`);
  }
  return { envelope, last: response.headers.get('x-taxii-date-added-last') };
}

/**
 * Pulls what a remote collection added since the last pull, a page at a time, into the intelligence store. The
 * cursor moves only after a page is stored, so an interrupted pull resumes without a gap, and a page fetched twice
 * adds nothing (imports are idempotent). Errors are recorded on the subscription and thrown (the job retries).
 */
export async function pullSubscription(ctx: CoreContext, id: string): Promise<PullResult> {
  const db = clientDb(ctx.db);
  const sub = await db.selectFrom('share_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!sub) throw new Error(`no subscription ${id}`);
  const result: PullResult = { pages: 0, received: 0, inserted: 0, rejected: 0 };
  let addedAfter = sub.added_after;
  let next: string | null = null;
  try {
    for (let page = 0; page < MAX_PAGES_PER_PULL; page++) {
      const { envelope, last } = await fetchPage(ctx, sub, addedAfter, next);
      const objects = envelope.objects ?? [];
      if (objects.length > 0) {
        const report = await importObjects(ctx, systemActor(`taxii:${sub.name}`), objects, `taxii:${sub.name}`);
        result.inserted += report.inserted;
        result.rejected += report.rejectedCount;
      }
      result.pages++;
      result.received += objects.length;
      // Pages of one window continue with `next` under the same filter; the cursor moves to what the server says it
      // served last only when the window is done: objects added in one transaction share a date_added, and
      // `added_after` alone could step over the rest of them.
      next = envelope.more && envelope.next ? envelope.next : null;
      if (!next && last) addedAfter = last;
      await db
        .updateTable('share_subscriptions')
        .set((eb) => ({
          added_after: next ? sub.added_after : addedAfter,
          objects_received: eb('objects_received', '+', objects.length),
          last_error: null,
        }))
        .where('id', '=', id)
        .execute();
      if (!next) break;
    }
    await db.updateTable('share_subscriptions').set({ last_pulled_at: new Date() }).where('id', '=', id).execute();
    return result;
  } catch (error) {
    await db
      .updateTable('share_subscriptions')
      .set({ last_error: (error as Error).message })
      .where('id', '=', id)
      .execute();
    throw error;
  }
}
