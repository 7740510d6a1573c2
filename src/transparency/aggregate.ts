import type { CoreContext } from '../core/context.ts';
import { countryName, regionOf } from '../core/geo/countries.ts';
import { requestFigures, type RequestFigure } from '../lawful/service.ts';
import { peopleNotified } from '../notify/service.ts';
import { nationalSecurityBand, rulesOf, smallNumberBand, sumCounts, sumReported } from './banding.ts';
import { notifiedByRegion, outcomeFigures, shareOf, totalShare } from './disclosure.ts';
import type { Period } from './periods.ts';
import { labelOf, processes } from './processes.ts';
import type { CountryRow, ProcessRow, TransparencyReport } from './report-schema.ts';
import { addTally, emptyTally, tallyFigures, type Tally } from './tally.ts';

export interface ReportRules {
  provider: string;
  threshold: number;
  nationalSecurityBand: number;
}

/** People notified in a period: distinct people overall, and per country of their case. */
export interface Notified {
  people: number;
  byCountry: readonly { country: string | null; people: number }[];
}

/** The report for a period, from the lawful-request records and the notices delivered: counts only. */
export async function aggregateReport(
  ctx: CoreContext,
  period: Period,
  rules: ReportRules,
): Promise<TransparencyReport> {
  const figures = await requestFigures(ctx, period.start, period.end);
  return composeReport(period, rules, figures, await peopleNotified(ctx, period.start, period.end));
}

/**
 * The report from figures already fetched. Every total is the sum of the published figures it adds up (a band when
 * one of them is), so no total gives away a banded figure by subtraction; shares follow `disclosure.ts`.
 */
export function composeReport(
  period: Period,
  rules: ReportRules,
  figures: readonly RequestFigure[],
  notified: Notified,
): TransparencyReport {
  const { threshold } = rules;
  const band = (n: number) => smallNumberBand(n, threshold);
  const { byCountry, security } = tallyFigures(figures);

  const countries: CountryRow[] = [];
  const all = emptyTally();
  const processTotals = new Map<string, Tally>();
  for (const [code, perProcess] of byCountry) {
    const total = emptyTally();
    const rows: ProcessRow[] = [];
    for (const p of processes.filter((p) => perProcess.has(p.key))) {
      const t = perProcess.get(p.key)!;
      addTally(processTotals.get(p.key) ?? processTotals.set(p.key, emptyTally()).get(p.key)!, t);
      if (p.key !== 'preservation') addTally(total, t);
      rows.push({
        process: p.key,
        label: labelOf(p.key),
        requests: band(t.requests),
        accounts: band(t.accounts),
        percentage_disclosed: p.key === 'preservation' ? null : shareOf(t.produced, t.requests, threshold),
      });
    }
    addTally(all, total);
    const counted = rows.filter((r) => r.process !== 'preservation');
    const requests = sumCounts(counted.map((r) => r.requests));
    const sharesGiven = counted.every((r) => r.percentage_disclosed !== null);
    countries.push({
      code,
      name: countryName(code),
      region: regionOf(code),
      requests,
      accounts: sumReported(counted.map((r) => r.accounts)),
      ...outcomeFigures(total, requests, sharesGiven, threshold),
      processes: rows,
    });
  }
  countries.sort((a, b) => a.name.localeCompare(b.name, 'en'));

  const rowsOf = (key: string) => countries.flatMap((c) => c.processes.filter((p) => p.process === key));
  const countedRows = countries.flatMap((c) => c.processes.filter((p) => p.process !== 'preservation'));
  const emergency = processTotals.get('emergency_disclosure') ?? emptyTally();

  return {
    period: { id: period.id, kind: period.kind, start: period.start.toISOString().slice(0, 10), ending: period.ending },
    provider: rules.provider,
    source: 'records',
    generated_at: new Date().toISOString(),
    rules: rulesOf(threshold, rules.nationalSecurityBand),
    threshold: threshold > 1 ? threshold : null,
    national_security_band: rules.nationalSecurityBand,
    totals: {
      requests: sumCounts(countries.map((c) => c.requests)),
      accounts: sumReported(countries.map((c) => c.accounts)),
      percentage_disclosed: totalShare(countedRows, all.produced, all.requests, threshold),
    },
    emergency: {
      requests: sumCounts(rowsOf('emergency_disclosure').map((r) => r.requests)),
      accounts: sumReported(rowsOf('emergency_disclosure').map((r) => r.accounts)),
      percentage_disclosed: totalShare(
        rowsOf('emergency_disclosure'),
        emergency.produced,
        emergency.requests,
        threshold,
      ),
    },
    preservation: {
      requests: sumCounts(rowsOf('preservation').map((r) => r.requests)),
      accounts: sumReported(rowsOf('preservation').map((r) => r.accounts)),
    },
    countries,
    national_security: [...security]
      .map(([code, t]) => ({
        code,
        name: countryName(code),
        requests: nationalSecurityBand(t.requests, rules.nationalSecurityBand),
        accounts: nationalSecurityBand(t.accounts, rules.nationalSecurityBand),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'en')),
    notifications: notificationFigures(notified, threshold),
  };
}

function notificationFigures(notified: Notified, threshold: number) {
  const regions = new Map<string, number>();
  for (const row of notified.byCountry) {
    const region = (row.country && regionOf(row.country)) || 'Unknown region';
    regions.set(region, (regions.get(region) ?? 0) + row.people);
  }
  return notifiedByRegion(regions, notified.people, threshold);
}
