import type { CoreContext } from '../core/context.ts';
import { countryName, regionOf } from '../core/geo/countries.ts';
import { requestFigures, type RequestFigure } from '../lawful/service.ts';
import { peopleNotified } from '../notify/service.ts';
import { nationalSecurityBand, percentOf, rulesOf, smallNumberBand, sumCounts, sumReported } from './banding.ts';
import type { Period } from './periods.ts';
import { labelOf, NATIONAL_SECURITY, processes, processOfRequestType } from './processes.ts';
import type { CountryRow, TransparencyReport } from './report-schema.ts';

interface Tally {
  requests: number;
  accounts: number;
  produced: number;
  content: number;
  noData: number;
  rejected: number;
  challenged: number;
}

const empty = (): Tally => ({
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

export interface ReportRules {
  provider: string;
  threshold: number;
  nationalSecurityBand: number;
}

/** The report for a period, from the lawful-request records and the notices delivered: counts only. */
export async function aggregateReport(
  ctx: CoreContext,
  period: Period,
  rules: ReportRules,
): Promise<TransparencyReport> {
  const figures = await requestFigures(ctx, period.start, period.end);
  const band = (n: number) => smallNumberBand(n, rules.threshold);

  const byCountry = new Map<string, Map<string, Tally>>();
  const security = new Map<string, Tally>();
  for (const f of figures) {
    const process = processOfRequestType(f.request_type);
    if (process === NATIONAL_SECURITY) {
      add(security.get(f.country) ?? security.set(f.country, empty()).get(f.country)!, f);
      continue;
    }
    const country = byCountry.get(f.country) ?? byCountry.set(f.country, new Map()).get(f.country)!;
    add(country.get(process) ?? country.set(process, empty()).get(process)!, f);
  }

  const countries: CountryRow[] = [];
  const all = empty();
  for (const [code, perProcess] of byCountry) {
    const total = empty();
    for (const [process, t] of perProcess) {
      if (process === 'preservation') continue;
      for (const k of Object.keys(total) as (keyof Tally)[]) total[k] += t[k];
    }
    for (const k of Object.keys(all) as (keyof Tally)[]) all[k] += total[k];
    const requests = band(total.requests);
    const pct = (part: number) => percentOf(part, total.requests, requests);
    const refused = total.rejected + total.challenged;
    countries.push({
      code,
      name: countryName(code),
      region: regionOf(code),
      requests,
      accounts: band(total.accounts),
      percentage_disclosed: pct(total.produced),
      percentage_content: pct(total.content),
      percentage_non_content_only: pct(total.produced - total.content),
      percentage_no_data: pct(total.noData),
      percentage_rejected: pct(refused),
      rejected_or_challenged: band(refused),
      no_data: band(total.noData),
      processes: processes
        .filter((p) => perProcess.has(p.key))
        .map((p) => {
          const t = perProcess.get(p.key)!;
          const published = band(t.requests);
          return {
            process: p.key,
            label: labelOf(p.key),
            requests: published,
            accounts: band(t.accounts),
            percentage_disclosed: p.key === 'preservation' ? null : percentOf(t.produced, t.requests, published),
          };
        }),
    });
  }
  countries.sort((a, b) => a.name.localeCompare(b.name, 'en'));

  const processTotal = (key: string) => {
    const rows = countries.flatMap((c) => c.processes.filter((p) => p.process === key));
    let produced = 0;
    let requests = 0;
    for (const perProcess of byCountry.values()) {
      const t = perProcess.get(key);
      produced += t?.produced ?? 0;
      requests += t?.requests ?? 0;
    }
    return { rows, produced, requests };
  };
  const emergency = processTotal('emergency_disclosure');
  const preservation = processTotal('preservation');

  return {
    period: { id: period.id, kind: period.kind, start: period.start.toISOString().slice(0, 10), ending: period.ending },
    provider: rules.provider,
    source: 'records',
    generated_at: new Date().toISOString(),
    rules: rulesOf(rules.threshold, rules.nationalSecurityBand),
    threshold: rules.threshold > 1 ? rules.threshold : null,
    national_security_band: rules.nationalSecurityBand,
    totals: {
      requests: sumCounts(countries.map((c) => c.requests)),
      accounts: sumReported(countries.map((c) => c.accounts)),
      percentage_disclosed: percentOf(all.produced, all.requests, all.requests),
    },
    emergency: {
      requests: sumCounts(emergency.rows.map((r) => r.requests)),
      accounts: sumReported(emergency.rows.map((r) => r.accounts)),
      percentage_disclosed: percentOf(emergency.produced, emergency.requests, emergency.requests),
    },
    preservation: {
      requests: sumCounts(preservation.rows.map((r) => r.requests)),
      accounts: sumReported(preservation.rows.map((r) => r.accounts)),
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
    notifications: await notificationFigures(ctx, period, rules.threshold),
  };
}

/** People notified, by region; regions under the threshold are grouped so that no small region stands out. */
async function notificationFigures(ctx: CoreContext, period: Period, threshold: number) {
  const notified = await peopleNotified(ctx, period.start, period.end);
  const regions = new Map<string, number>();
  for (const row of notified.byCountry) {
    const region = (row.country && regionOf(row.country)) || 'Unknown region';
    regions.set(region, (regions.get(region) ?? 0) + row.people);
  }
  const shown = [...regions].filter(([, n]) => threshold <= 1 || n >= threshold);
  const folded = [...regions].filter(([, n]) => threshold > 1 && n < threshold).reduce((a, [, n]) => a + n, 0);
  const byRegion = shown
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([region, people]) => ({ region, people: people as number | { min: number; max: number } }));
  if (folded > 0) byRegion.push({ region: 'Other regions', people: smallNumberBand(folded, threshold) });
  return { people: notified.people, by_region: byRegion };
}
