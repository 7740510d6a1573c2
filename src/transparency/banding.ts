import type { Band, Count } from './report-schema.ts';

/**
 * The small-numbers rule: a count from 1 up to `threshold - 1` is published as the band `1-(threshold-1)`, so a
 * handful of requests from one country cannot point at an investigation. Zero and counts at or above the threshold
 * are exact. A threshold of 0 or 1 turns the rule off.
 */
export function smallNumberBand(count: number, threshold: number): Count {
  if (threshold > 1 && count > 0 && count < threshold) return { min: 1, max: threshold - 1 };
  return count;
}

/** National-security process is only ever published in bands of `width`: 0 to width-1, width to 2·width-1, ... */
export function nationalSecurityBand(count: number, width: number): Band {
  const min = Math.floor(count / width) * width;
  return { min, max: min + width - 1 };
}

export const isBand = (count: Count): count is Band => typeof count !== 'number';

/** The sum of counts: exact when every part is, else the band from the sum of minimums to the sum of maximums. */
export function sumCounts(counts: readonly Count[]): Count {
  if (counts.every((c) => !isBand(c))) return (counts as number[]).reduce((a, b) => a + b, 0);
  return counts.reduce<Band>(
    (acc, c) => (isBand(c) ? { min: acc.min + c.min, max: acc.max + c.max } : { min: acc.min + c, max: acc.max + c }),
    { min: 0, max: 0 },
  );
}

/** As `sumCounts`, but null when any part was not reported. */
export function sumReported(counts: readonly (Count | null)[]): Count | null {
  return counts.some((c) => c === null) ? null : sumCounts(counts as Count[]);
}

/** How a count is written in CSV: `42`, or `0-499` for a band. */
export const formatCount = (count: Count | null): string =>
  count === null ? '' : isBand(count) ? `${count.min}-${count.max}` : String(count);

/** The rules, stated in the report itself so a reader knows what an exact figure and a band mean. */
export function rulesOf(threshold: number, nationalSecurityBandWidth: number): string[] {
  return [
    'Requests are counted in the period they were received, by the country of the requesting agency.',
    'Accounts are the user or account identifiers the requests named; one account named twice counts twice.',
    'Some data was disclosed when the request was answered with a production of data; the share is of all requests received, including those still pending.',
    'Content means the request asked for, and was answered with, the content of communications; non-content only means subscriber information or logs.',
    'Rejected or challenged: refused, or sent back to the agency to be narrowed.',
    'Preservation requests are counted separately and not in the totals: no data is disclosed on a preservation request.',
    'Emergency disclosure requests are counted in their country and legal process, and also shown together.',
    `National-security process is published only in bands of ${nationalSecurityBandWidth} (0-${nationalSecurityBandWidth - 1}, ${nationalSecurityBandWidth}-${2 * nationalSecurityBandWidth - 1}, ...), never as an exact count, and is not in the totals.`,
    ...(threshold > 1
      ? [
          `Counts from 1 to ${threshold - 1} are shown as the band 1-${threshold - 1}.`,
          'Every total (a country’s requests and accounts, all countries, emergency and preservation requests) is the sum of the published figures it adds up, and so a band when one of them is: no banded figure can be found by subtracting the others from a total.',
          `A percentage is given only when it is a share of an exact count and neither the requests it counts nor the rest of them are from 1 to ${threshold - 1}.`,
          `A country’s figures by outcome (content, non-content only, no data, rejected or challenged: counts and percentages) are given only when each of those outcomes, and the requests still open or withdrawn, is 0 or at least ${threshold}, and the percentage of every one of its legal processes is given; otherwise they are all left empty.`,
          'The percentage for all countries, and for emergency requests, is given only when the percentage of every legal-process row it adds up is given.',
          `People notified of suspected cyber-mercenary targeting are counted once each in the period their notice was delivered. A region is named only with at least ${threshold} people; the others are grouped as "Other regions", which the smallest named regions join when it would have fewer than ${threshold}, so that no region can be found by subtracting from the total; a total under ${threshold} is a band.`,
        ]
      : [
          'Every count other than national-security process is exact.',
          'People notified of suspected cyber-mercenary targeting are counted once each in the period their notice was delivered, by region.',
        ]),
  ];
}
