import type { Selectable } from 'kysely';
import type { CoreContext } from '../../core/context.ts';
import { fetchOutbound } from '../../core/http/outbound.ts';
import type { SubscriptionTable } from './tables.ts';

const TAXII = 'application/taxii+json;version=2.1';
export const SECRET_CONTEXT = 'share_subscriptions.secret_enc';

export interface Envelope {
  more?: boolean;
  next?: string;
  objects?: unknown[];
}

/** What the remote answered instead of a page; `status` tells a refused `next` from an outage. */
export class RemoteError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
  }
}

export interface PageRequest {
  addedAfter: string | null;
  next: string | null;
  limit: number;
}

/** One page of a remote collection's objects, with the remote's `X-TAXII-Date-Added-Last`. */
export async function fetchPage(ctx: CoreContext, sub: Selectable<SubscriptionTable>, request: PageRequest) {
  const url = new URL('objects/', sub.url.endsWith('/') ? sub.url : `${sub.url}/`);
  url.searchParams.set('limit', String(request.limit));
  if (request.addedAfter) url.searchParams.set('added_after', request.addedAfter);
  if (request.next) url.searchParams.set('next', request.next);
  const headers: Record<string, string> = { accept: TAXII };
  if (sub.secret_enc) {
    const secret = await ctx.keyring.decrypt(sub.secret_enc, SECRET_CONTEXT);
    headers.authorization = `Basic ${Buffer.from(`${sub.username ?? ''}:${secret}`).toString('base64')}`;
  }
  const response = await fetchOutbound(ctx.config, url.toString(), { headers });
  if (response.status === 204) return { envelope: {} as Envelope, last: null };
  const text = await response.text();
  if (!response.ok) {
    throw new RemoteError(`${url.origin} answered HTTP ${response.status}: ${text.slice(0, 200)}`, response.status);
  }
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch {
    envelope = undefined;
  }
  const shaped = envelope as Envelope | undefined;
  if (
    typeof shaped !== 'object' ||
    shaped === null ||
    (shaped.objects !== undefined && !Array.isArray(shaped.objects))
  ) {
    throw new RemoteError(`${url.origin} did not answer with a TAXII envelope`, response.status);
  }
  return { envelope: shaped, last: response.headers.get('x-taxii-date-added-last') };
}
