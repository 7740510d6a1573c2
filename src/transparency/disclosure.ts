import { isBand, smallNumberBand } from './banding.ts';
import type { Count } from './report-schema.ts';
import type { Tally } from './tally.ts';

/*
 * Disclosure control beyond banding a single cell. A band only hides a small count if nothing else published lets
 * a reader compute it: not a total minus the other cells, not a percentage times its whole, not a share of a total
 * minus the shares of its other parts. `rulesOf` (banding.ts) states these rules in every report.
 */

/** Whether a count may be known exactly: zero, at least the threshold, or no threshold at all. */
export const publishable = (count: number, threshold: number) => threshold <= 1 || count === 0 || count >= threshold;

/**
 * The whole per cent `part` is of `whole`, or null. A rounded share of a small whole gives back its part exactly,
 * so under a threshold a share is only given when the whole, the part and the rest are each publishable.
 */
export function shareOf(part: number, whole: number, threshold: number): number | null {
  if (whole === 0) return null;
  if (threshold > 1 && (whole < threshold || !publishable(part, threshold) || !publishable(whole - part, threshold)))
    return null;
  return Math.round((part / whole) * 100);
}

export interface OutcomeFigures {
  percentage_disclosed: number | null;
  percentage_content: number | null;
  percentage_non_content_only: number | null;
  percentage_no_data: number | null;
  percentage_rejected: number | null;
  rejected_or_challenged: Count | null;
  no_data: Count | null;
}

/** A country's outcome figures when none may be given (or, for imported rows, none were published). */
export const withheld: Readonly<OutcomeFigures> = {
  percentage_disclosed: null,
  percentage_content: null,
  percentage_non_content_only: null,
  percentage_no_data: null,
  percentage_rejected: null,
  rejected_or_challenged: null,
  no_data: null,
};

/**
 * A country's requests by outcome, all or nothing. Its outcomes (content, non-content only, no data, rejected or
 * challenged, and the rest: still open or withdrawn) add up to its total, and its disclosed share adds up its legal
 * processes' shares; so a single small outcome, a banded total or a withheld process share would let the others
 * reveal it, and then no outcome figure of the country is given.
 */
export function outcomeFigures(
  total: Tally,
  published: Count,
  processSharesGiven: boolean,
  threshold: number,
): OutcomeFigures {
  const refused = total.rejected + total.challenged;
  const parts = [
    total.content,
    total.produced - total.content,
    total.noData,
    refused,
    total.requests - total.produced - total.noData - refused,
  ];
  const safe = !isBand(published) && processSharesGiven && parts.every((n) => publishable(n, threshold));
  if (threshold > 1 && !safe) return withheld;
  const pct = (part: number) => (total.requests === 0 ? null : Math.round((part / total.requests) * 100));
  return {
    percentage_disclosed: pct(total.produced),
    percentage_content: pct(parts[0]!),
    percentage_non_content_only: pct(parts[1]!),
    percentage_no_data: pct(total.noData),
    percentage_rejected: pct(refused),
    rejected_or_challenged: refused,
    no_data: total.noData,
  };
}

/**
 * The share of a total's requests with some data disclosed: only when every legal-process row it adds up has its
 * share given, since otherwise the total's share minus the others' would reveal the withheld one.
 */
export function totalShare(
  rows: readonly { percentage_disclosed: number | null }[],
  produced: number,
  requests: number,
  threshold: number,
): number | null {
  if (threshold > 1 && rows.some((r) => r.percentage_disclosed === null)) return null;
  return requests === 0 ? null : Math.round((produced / requests) * 100);
}

/**
 * People notified by region. A region is named only with at least `threshold` people; the others are grouped as
 * "Other regions", and when that group would be small the smallest named regions join it, so that the total minus
 * the named regions never reveals a small group.
 */
export function notifiedByRegion(regions: ReadonlyMap<string, number>, people: number, threshold: number) {
  const sorted = [...regions].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const named = sorted.filter(([, n]) => publishable(n, threshold) && n > 0);
  let other = sorted.filter(([, n]) => !publishable(n, threshold)).reduce((a, [, n]) => a + n, 0);
  while (!publishable(other, threshold) && named.length > 0) other += named.pop()![1];
  const byRegion: { region: string; people: Count }[] = named.map(([region, n]) => ({ region, people: n }));
  const total = smallNumberBand(people, threshold);
  // With a small total every region is in the group, which is then as banded as the total.
  if (other > 0) byRegion.push({ region: 'Other regions', people: isBand(total) ? total : other });
  return { people: total, by_region: byRegion };
}
