import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

export interface RateCount {
  /** Hits in the current window, this one included. */
  hits: number;
  /** Whole seconds until the window ends (at least 1). */
  retryAfterSeconds: number;
}

/**
 * Counts one hit on `key` in a fixed window of `windowMs`, in one atomic statement: parallel hits from any
 * number of processes all add up. A window that has run out starts again at 1. Time is the database's, so
 * processes on hosts whose clocks differ still share one window.
 */
export async function hitRateCounter(db: Executor, key: string, windowMs: number): Promise<RateCount> {
  const ranOut = sql<boolean>`rate_counters.expires_at <= statement_timestamp()`;
  const row = await db
    .insertInto('rate_counters')
    .values({
      key,
      hits: 1,
      expires_at: sql<Date>`statement_timestamp() + ${windowMs}::integer * interval '1 millisecond'`,
    })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when ${ranOut} then 1 else rate_counters.hits + 1 end`,
        expires_at: sql<Date>`case when ${ranOut} then excluded.expires_at else rate_counters.expires_at end`,
      }),
    )
    .returning([
      'hits',
      sql<number>`greatest(1, ceil(extract(epoch from rate_counters.expires_at - statement_timestamp())))::integer`.as(
        'retry_after',
      ),
    ])
    .executeTakeFirstOrThrow();
  return { hits: Number(row.hits), retryAfterSeconds: Number(row.retry_after) };
}

/** Deletes counters whose window has ended; returns how many. */
export async function sweepRateCounters(db: Executor): Promise<number> {
  const result = await db
    .deleteFrom('rate_counters')
    .where('expires_at', '<=', sql<Date>`statement_timestamp()`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
