/** The longest wait between two attempts: past the first few, a receiver that is down is down for hours. */
export const MAX_RETRY_SECONDS = 12 * 3600;

/**
 * How long to wait after failed attempt `attempt` (1-based) before the next: `base x 3^(attempt-1)`, capped at
 * 12 h, times a random factor in [0.8, 1.2) so deliveries that failed together (a receiver's outage) do not all
 * come back at the same moment. With the default base of 30 s and 10 attempts: 30 s, 90 s, 4.5 min, 13.5 min,
 * 40 min, 2 h, 6 h, 12 h, 12 h, about 1.5 days in all.
 */
export function retryDelaySeconds(baseSeconds: number, attempt: number, random: () => number = Math.random): number {
  const plain = Math.min(baseSeconds * 3 ** Math.max(0, attempt - 1), MAX_RETRY_SECONDS);
  return plain * (0.8 + 0.4 * random());
}

/**
 * How long an attempt holds its delivery: twice its time limit plus 10 s, so an attempt that keeps to its limit
 * (and then settles) never loses its lease to another worker while it is still sending.
 */
export const leaseSeconds = (attemptLimitSeconds: number) => 2 * attemptLimitSeconds + 10;
