import { badRequest } from '../core/errors.ts';

export type PeriodKind = 'half-year' | 'quarter' | 'year';

/** A reporting period: `2026H1`, `2026Q3` or `2026`, over UTC days from `start` to `end` (exclusive). */
export interface Period {
  id: string;
  kind: PeriodKind;
  start: Date;
  end: Date;
  /** The last day, as the "Period Ending" column writes it: `2026-06-30`. */
  ending: string;
}

const PATTERN = /^(\d{4})(?:([HQ])([1-4]))?$/;

function build(year: number, kind: PeriodKind, index: number): Period {
  const months = kind === 'year' ? 12 : kind === 'half-year' ? 6 : 3;
  const start = new Date(Date.UTC(year, (index - 1) * months, 1));
  const end = new Date(Date.UTC(year, index * months, 1));
  const id = kind === 'year' ? `${year}` : `${year}${kind === 'half-year' ? 'H' : 'Q'}${index}`;
  const ending = new Date(end.getTime() - 86_400_000).toISOString().slice(0, 10);
  return { id, kind, start, end, ending };
}

/** Parses `2026H1`, `2026Q3` or `2026`; anything else is a 400 saying what is expected. */
export function parsePeriod(value: string): Period {
  const match = PATTERN.exec(value.trim().toUpperCase());
  const year = match ? Number(match[1]) : NaN;
  const index = match?.[3] ? Number(match[3]) : 1;
  if (!match || year < 1990 || year > 2200 || (match[2] === 'H' && index > 2)) {
    throw badRequest(`period '${value}' is not a year, half-year or quarter (expected e.g. 2026, 2026H1, 2026Q3)`);
  }
  const kind: PeriodKind = match[2] === 'H' ? 'half-year' : match[2] === 'Q' ? 'quarter' : 'year';
  return build(year, kind, index);
}

/** The period of `kind` whose last day is `ending` (`YYYY-MM-DD`), or null when no such period ends that day. */
export function periodEndingOn(ending: string, kind: PeriodKind): Period | null {
  const year = Number(ending.slice(0, 4));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(ending) || year < 1990) return null;
  const count = kind === 'year' ? 1 : kind === 'half-year' ? 2 : 4;
  for (let i = 1; i <= count; i++) {
    const period = build(year, kind, i);
    if (period.ending === ending) return period;
  }
  return null;
}

/** The last period of `kind` that has ended by `now`. */
export function lastCompletePeriod(kind: PeriodKind, now = new Date()): Period {
  const count = kind === 'year' ? 1 : kind === 'half-year' ? 2 : 4;
  let year = now.getUTCFullYear();
  let index = Math.floor((now.getUTCMonth() * count) / 12); // the running period's index minus one
  if (index === 0) {
    year -= 1;
    index = count;
  }
  return build(year, kind, index);
}
