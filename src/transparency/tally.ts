import type { RequestFigure } from '../lawful/service.ts';
import { NATIONAL_SECURITY, processOfRequestType } from './processes.ts';

/** Exact counts for one group of requests (a country's legal process, or a country): never published as they are. */
export interface Tally {
  requests: number;
  accounts: number;
  produced: number;
  content: number;
  noData: number;
  rejected: number;
  challenged: number;
}

export const emptyTally = (): Tally => ({
  requests: 0,
  accounts: 0,
  produced: 0,
  content: 0,
  noData: 0,
  rejected: 0,
  challenged: 0,
});

function add(tally: Tally, f: RequestFigure) {
  tally.requests += f.requests;
  tally.accounts += f.accounts;
  if (f.outcome === 'produced') {
    tally.produced += f.requests;
    if (f.content) tally.content += f.requests;
  }
  if (f.outcome === 'no_data') tally.noData += f.requests;
  if (f.outcome === 'rejected') tally.rejected += f.requests;
  if (f.outcome === 'challenged') tally.challenged += f.requests;
}

export function addTally(into: Tally, from: Tally) {
  for (const k of Object.keys(into) as (keyof Tally)[]) into[k] += from[k];
}

const slot = <K, V>(map: Map<K, V>, key: K, make: () => V) => map.get(key) ?? map.set(key, make()).get(key)!;

/** The figures tallied per country and legal process, with national-security process apart (it is only banded). */
export function tallyFigures(figures: readonly RequestFigure[]) {
  const byCountry = new Map<string, Map<string, Tally>>();
  const security = new Map<string, Tally>();
  for (const f of figures) {
    const process = processOfRequestType(f.request_type);
    if (process === NATIONAL_SECURITY) add(slot(security, f.country, emptyTally), f);
    else
      add(
        slot(
          slot(byCountry, f.country, () => new Map<string, Tally>()),
          process,
          emptyTally,
        ),
        f,
      );
  }
  return { byCountry, security };
}
