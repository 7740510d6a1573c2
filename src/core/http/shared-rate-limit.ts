import type { FastifyRequest } from 'fastify';
import type { CoreContext } from '../context.ts';
import { tooManyRequests } from '../errors.ts';
import { hitRateCounter, sweepRateCounters } from './rate-counters-store.ts';

/** A route's limit shared by every process on the database: `max` requests per client IP per window. */
export interface SharedRateLimit {
  max: number;
  windowSeconds: number;
}

const BLIND_INDEX_CONTEXT = 'rate_counters.key';
const SWEEP_EVERY_MS = 60_000;

/**
 * The onRequest hook for routes that declare `config.sharedRateLimit` (sign-in, TOTP, setup links): counts the
 * request in `rate_counters` and refuses it with a 429 problem (and Retry-After) once the client's budget for
 * the window is spent, whichever process it reached. The key is the route and the client IP, stored only as a
 * keyed hash. Expired counters are swept at most once a minute per process, on the request path (awaited).
 */
export function sharedRateLimitHook(ctx: CoreContext) {
  let nextSweep = 0;
  return async (request: FastifyRequest) => {
    const limit = request.routeOptions.config?.sharedRateLimit;
    if (!limit) return;
    const key = ctx.keyring.blindIndex(`${request.routeOptions.url ?? ''}\0${request.ip}`, BLIND_INDEX_CONTEXT);
    const count = await hitRateCounter(ctx.db, key, limit.windowSeconds * 1000);
    if (Date.now() >= nextSweep) {
      nextSweep = Date.now() + SWEEP_EVERY_MS;
      await sweepRateCounters(ctx.db);
    }
    if (count.hits > limit.max) {
      throw tooManyRequests(`too many requests; retry in ${count.retryAfterSeconds} s`, count.retryAfterSeconds);
    }
  };
}
