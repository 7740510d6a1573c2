import { isIP } from 'node:net';
import { Agent, fetch, Headers, type RequestInit, type Response } from 'undici';
import type { Config } from '../config/index.ts';
import { guardedLookup, RefusedResolution } from './guarded-lookup.ts';
import { OutboundFailed, OutboundRefused } from './outbound-errors.ts';
import { specialPurposeOf } from './special-addresses.ts';

export { OutboundFailed, OutboundRefused } from './outbound-errors.ts';

/** Redirects followed at most; a sixth is a failed fetch. */
export const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// Headers that belong to the origin they were written for and must not follow a redirect to another one.
const ORIGIN_BOUND = ['authorization', 'cookie', 'proxy-authorization'];

// Names are resolved by guardedLookup when the socket connects, and the socket connects to what it checked.
const guardedAgent = new Agent({ connect: { lookup: guardedLookup } });
const openAgent = new Agent();

/** True for addresses Accord will not connect to on someone's behalf (see special-addresses.ts). */
export const isBlockedAddress = (address: string): boolean => specialPurposeOf(address) !== undefined;

/** Parses one hop's URL and refuses what no hop may name: another scheme, credentials, a special-purpose address. */
function checkedHop(url: string | URL, strict: boolean): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new OutboundRefused(String(url), 'not an absolute URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new OutboundRefused(parsed, `only http and https URLs are fetched, not ${parsed.protocol}`);
  }
  if (parsed.username || parsed.password) throw new OutboundRefused(parsed, 'URLs with credentials are not fetched');
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  // A literal address is connected to without a lookup, so it is judged here; names are judged by guardedLookup.
  const reason = strict && isIP(host) ? specialPurposeOf(host) : undefined;
  if (reason) throw new OutboundRefused(parsed, `${host} is ${reason}`);
  return parsed;
}

/** What a failed exchange with `url` means for the caller: a refused address (400) or a failed fetch (502). */
function failureOf(url: URL, error: unknown, timeoutSeconds: number) {
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof RefusedResolution) return new OutboundRefused(url, cause.message);
  const name = (error as Error).name;
  if (name === 'TimeoutError') return new OutboundFailed(url, `no complete answer within ${timeoutSeconds} s`);
  if (name === 'AbortError') return new OutboundFailed(url, 'the request was stopped');
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const message = cause instanceof Error ? cause.message : (error as Error).message;
  return new OutboundFailed(url, code && !message.includes(code) ? `${message} (${code})` : message);
}

/** Where a URL came from: given by a person or a setting, or discovered inside content fetched earlier. */
export type OutboundOrigin = 'configured' | 'discovered';

/**
 * The only way Accord fetches from the network. http(s) only; redirects are followed here, at most MAX_REDIRECTS,
 * and every hop passes the same check: addresses in the IANA special-purpose registries are refused unless
 * ACCORD_OUTBOUND_ALLOW_PRIVATE is set (ACCORD_OUTBOUND_ALLOW_PRIVATE_FIRST_HOP spares the first hop only), names
 * are resolved once and the connection goes to the address checked. Credentials and cookies are not carried to
 * another origin. A time limit covers the whole exchange, every hop and the body. Throws OutboundRefused (400) or
 * OutboundFailed (502); answers with any status other than a redirect are returned.
 *
 * @example const response = await fetchOutbound(config, 'https://example.org/feed.json');
 */
export async function fetchOutbound(
  config: Config,
  url: string,
  init: RequestInit = {},
  origin: OutboundOrigin = 'configured',
): Promise<Response> {
  const signal = init.signal ?? AbortSignal.timeout(config.outboundTimeoutSeconds * 1000);
  const headers = new Headers(init.headers);
  let method = (init.method ?? 'GET').toUpperCase();
  let body = init.body;
  // Only a URL an operator or a caller typed can be the spared first hop: one read out of fetched content
  // (an MVT index's entries) is as untrusted as a redirect.
  const spareFirst = config.outboundAllowPrivateFirstHop && origin === 'configured';
  const strictOn = (hop: number) => !config.outboundAllowPrivate && !(hop === 0 && spareFirst);
  let target = checkedHop(url, strictOn(0));
  for (let hop = 0; ; hop++) {
    let response: Response;
    try {
      response = await fetch(target, {
        ...init,
        method,
        headers,
        body,
        redirect: 'manual',
        signal,
        dispatcher: strictOn(hop) ? guardedAgent : openAgent,
      });
    } catch (error) {
      throw failureOf(target, error, config.outboundTimeoutSeconds);
    }
    const location = response.headers.get('location');
    if (!REDIRECTS.has(response.status) || location === null) return response;
    await response.body?.cancel();
    if (hop === MAX_REDIRECTS) throw new OutboundFailed(url, `more than ${MAX_REDIRECTS} redirects`);
    let next: URL;
    try {
      next = new URL(location, target);
    } catch {
      throw new OutboundFailed(target, `redirected to something that is not a URL: ${location.slice(0, 200)}`);
    }
    next = checkedHop(next, strictOn(hop + 1));
    if (next.origin !== target.origin) for (const name of ORIGIN_BOUND) headers.delete(name);
    // As browsers do: 303 turns any request into a GET, 301 and 302 turn a POST into one; 307 and 308 repeat it.
    if ((response.status === 303 && method !== 'HEAD') || (response.status <= 302 && method === 'POST')) {
      method = 'GET';
      body = undefined;
      for (const name of ['content-type', 'content-length', 'content-encoding']) headers.delete(name);
    }
    target = next;
  }
}
