import { randomUUID } from 'node:crypto';
import { recordAudit, type Actor } from '../../core/audit/index.ts';
import type { CoreContext } from '../../core/context.ts';
import { badRequest, conflict, notFound } from '../../core/errors.ts';
import { SECRET_CONTEXT } from './fetch-page.ts';
import { clientDb } from './tables.ts';

export interface SubscriptionInput {
  name: string;
  url: string;
  username?: string;
  /** The password or API token the remote server gave us; stored sealed. */
  secret?: string;
  interval_seconds?: number;
}

function collectionUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badRequest(`${text} is not a URL`);
  }
  if (!/^https?:$/.test(url.protocol) || !/\/collections\/[^/]+\/?$/.test(url.pathname)) {
    throw badRequest("give the remote collection's URL: https://host/taxii2/<api root>/collections/<id>/");
  }
  return url;
}

/** Subscribes to a remote TAXII 2.1 collection. Audited (without the secret). */
export async function subscribe(ctx: CoreContext, actor: Actor, input: SubscriptionInput) {
  const url = collectionUrl(input.url);
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    const db = clientDb(trx);
    if (await db.selectFrom('share_subscriptions').select('id').where('name', '=', input.name).executeTakeFirst()) {
      throw conflict(`a subscription named ${input.name} exists`);
    }
    await db
      .insertInto('share_subscriptions')
      .values({
        id,
        name: input.name,
        url: url.toString(),
        username: input.username ?? null,
        secret_enc: input.secret ? ctx.keyring.encrypt(input.secret, SECRET_CONTEXT) : null,
        interval_seconds: input.interval_seconds ?? 3600,
        added_after: null,
        last_pulled_at: null,
        last_error: null,
      })
      .execute();
    await recordAudit(trx, actor, {
      action: 'share.subscribed',
      objectType: 'subscription',
      objectId: id,
      details: { name: input.name, url: url.toString() },
    });
  });
  return { id };
}

export interface SubscriptionChanges {
  /** Another remote collection: the position starts again from its beginning. */
  url?: string;
  username?: string | null;
  /** A new password or token (sealed), or null to send none. */
  secret?: string | null;
  interval_seconds?: number;
}

/** Changes a subscription's URL, credentials or interval. Audited with what changed, never the secret. */
export async function updateSubscription(
  ctx: CoreContext,
  actor: Actor,
  idOrName: string,
  changes: SubscriptionChanges,
) {
  const { id, url: oldUrl } = await findSubscription(ctx, idOrName);
  const url = changes.url !== undefined ? collectionUrl(changes.url).toString() : undefined;
  const moved = url !== undefined && url !== oldUrl;
  await ctx.db.transaction().execute(async (trx) => {
    await clientDb(trx)
      .updateTable('share_subscriptions')
      .set({
        ...(moved ? { url, added_after: null, next_token: null, window_last: null, last_error: null } : {}),
        ...(changes.username !== undefined ? { username: changes.username } : {}),
        ...(changes.secret !== undefined
          ? { secret_enc: changes.secret === null ? null : ctx.keyring.encrypt(changes.secret, SECRET_CONTEXT) }
          : {}),
        ...(changes.interval_seconds !== undefined ? { interval_seconds: changes.interval_seconds } : {}),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, {
      action: 'share.subscription.updated',
      objectType: 'subscription',
      objectId: id,
      details: {
        changed: Object.keys(changes),
        ...(moved ? { url, position_reset: true } : {}),
        ...(changes.interval_seconds !== undefined ? { interval_seconds: changes.interval_seconds } : {}),
      },
    });
  });
  return (await listSubscriptions(ctx)).find((s) => s.id === id)!;
}

/** Ends a subscription (what it brought stays in the intel store). Audited. */
export async function unsubscribe(ctx: CoreContext, actor: Actor, idOrName: string) {
  const { id, name, url } = await findSubscription(ctx, idOrName);
  await ctx.db.transaction().execute(async (trx) => {
    await clientDb(trx).deleteFrom('share_subscriptions').where('id', '=', id).execute();
    await recordAudit(trx, actor, {
      action: 'share.subscription.deleted',
      objectType: 'subscription',
      objectId: id,
      details: { name, url },
    });
  });
}

export async function listSubscriptions(ctx: CoreContext) {
  const rows = await clientDb(ctx.db).selectFrom('share_subscriptions').selectAll().orderBy('name').execute();
  return rows.map((s) => ({
    id: s.id,
    name: s.name,
    url: s.url,
    interval_seconds: s.interval_seconds,
    added_after: s.added_after,
    objects_received: Number(s.objects_received),
    objects_refused: Number(s.objects_refused),
    last_refusals: s.last_refusals,
    /** A pull stopped in the middle of the remote's backlog and the next one continues from there. */
    backlog: s.next_token !== null,
    last_pulled_at: s.last_pulled_at ? new Date(s.last_pulled_at).toISOString() : null,
    last_error: s.last_error,
  }));
}

export async function findSubscription(ctx: CoreContext, idOrName: string) {
  const db = clientDb(ctx.db);
  const isId = /^[0-9a-f-]{36}$/i.test(idOrName);
  const row = await db
    .selectFrom('share_subscriptions')
    .selectAll()
    .where(isId ? 'id' : 'name', '=', idOrName)
    .executeTakeFirst();
  if (!row) throw notFound(`no subscription ${idOrName}`);
  return row;
}

/**
 * Subscriptions whose interval has passed since their last pull, and those whose last pull stopped at its page limit
 * in the middle of a backlog (an open window and no error): they continue at once rather than an interval later.
 */
export async function dueSubscriptions(ctx: CoreContext) {
  const rows = await clientDb(ctx.db)
    .selectFrom('share_subscriptions')
    .select(['id', 'interval_seconds', 'last_pulled_at', 'next_token', 'last_error'])
    .execute();
  const now = Date.now();
  const intervalPassed = (r: (typeof rows)[number]) =>
    !r.last_pulled_at || now - new Date(r.last_pulled_at).getTime() >= r.interval_seconds * 1000;
  return rows.filter((r) => intervalPassed(r) || (r.next_token !== null && r.last_error === null)).map((r) => r.id);
}
