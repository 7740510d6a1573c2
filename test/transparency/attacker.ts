import { parse } from 'csv-parse/sync';
import type { RequestFigure } from '../../src/lawful/service.ts';
import type { Notified } from '../../src/transparency/aggregate.ts';
import { render } from '../../src/transparency/formats/index.ts';
import { processOfLabel, processOfRequestType } from '../../src/transparency/processes.ts';
import type { Count, TransparencyReport } from '../../src/transparency/report-schema.ts';

/*
 * An attacker who reads every published format of a report, knows how the report adds up (a country's requests are
 * its legal processes' requests, its outcomes add up to its requests, totals add up countries, ...) and how shares
 * are rounded, and narrows every unknown count by interval arithmetic until nothing changes. It then checks which
 * small counts (from 1 to threshold-1) it could pin down or narrow below the published band.
 */

type Bounds = [number, number];
const UNKNOWN: Bounds = [0, 1e9];

class Model {
  readonly bounds = new Map<string, Bounds>();
  readonly sums: { total: string; parts: string[] }[] = [];
  readonly shares: { part: string; whole: string; pct: number }[] = [];

  get(v: string): Bounds {
    return this.bounds.get(v) ?? UNKNOWN;
  }
  /** Narrows `v` to `[lo, hi]`; true when that changed anything. */
  narrow(v: string, lo: number, hi: number): boolean {
    const [l, h] = this.get(v);
    const next: Bounds = [Math.max(l, lo), Math.min(h, hi)];
    if (next[0] > next[1]) throw new Error(`the published figures contradict each other on ${v}: ${next.join('..')}`);
    if (next[0] === l && next[1] === h) return false;
    this.bounds.set(v, next);
    return true;
  }
  fact(v: string, count: Count | null | undefined) {
    if (count === null || count === undefined) return;
    if (typeof count === 'number') this.narrow(v, count, count);
    else this.narrow(v, count.min, count.max);
  }
  share(part: string, whole: string, pct: number | null | undefined) {
    if (pct !== null && pct !== undefined) this.shares.push({ part, whole, pct });
  }
  sum(total: string, parts: string[]) {
    this.sums.push({ total, parts });
  }

  solve() {
    for (let changed = true, rounds = 0; changed && rounds < 10_000; rounds++) {
      changed = false;
      for (const { total, parts } of this.sums) {
        const lo = parts.reduce((a, p) => a + this.get(p)[0], 0);
        const hi = parts.reduce((a, p) => a + this.get(p)[1], 0);
        changed = this.narrow(total, lo, hi) || changed;
        const [tl, th] = this.get(total);
        for (const p of parts) {
          const [pl, ph] = this.get(p);
          changed = this.narrow(p, tl - (hi - ph), th - (lo - pl)) || changed;
        }
      }
      // pct = round(100 * part / whole), so 200 * part lies within [(2 pct - 1) whole, (2 pct + 1) whole].
      for (const { part, whole, pct } of this.shares) {
        const [wl, wh] = this.get(whole);
        changed =
          this.narrow(part, Math.ceil((Math.max(0, 2 * pct - 1) * wl) / 200), Math.floor(((2 * pct + 1) * wh) / 200)) ||
          changed;
        const [pl, ph] = this.get(part);
        const whi = pct > 0 ? Math.floor((200 * ph) / (2 * pct - 1)) : 1e9;
        changed = this.narrow(whole, Math.ceil((200 * pl) / (2 * pct + 1)), whi) || changed;
      }
    }
    return this.bounds;
  }
}

const count = (cell: string | undefined): Count | null => {
  if (!cell) return null;
  const band = /^(\d+)-(\d+)$/.exec(cell);
  return band ? { min: Number(band[1]), max: Number(band[2]) } : Number(cell);
};
const percent = (cell: string | undefined) => (cell ? Number(cell) : null);
const rows = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];

/** What the attacker learns from every format a report is published in. */
function learn(report: TransparencyReport): Model {
  const m = new Model();
  const counted = (c: TransparencyReport['countries'][number]) =>
    c.processes.filter((p) => p.process !== 'preservation');
  for (const c of report.countries) {
    const ps = counted(c).map((p) => p.process);
    m.sum(
      `R:${c.code}`,
      ps.map((p) => `r:${c.code}:${p}`),
    );
    m.sum(
      `A:${c.code}`,
      ps.map((p) => `a:${c.code}:${p}`),
    );
    m.sum(
      `P:${c.code}`,
      ps.map((p) => `prod:${c.code}:${p}`),
    );
    for (const p of ps) m.sum(`r:${c.code}:${p}`, [`prod:${c.code}:${p}`, `unprod:${c.code}:${p}`]);
    m.sum(
      `R:${c.code}`,
      ['content', 'noncontent', 'nodata', 'refused', 'other'].map((o) => `${o}:${c.code}`),
    );
    m.sum(`P:${c.code}`, [`content:${c.code}`, `noncontent:${c.code}`]);
    // The JSON form.
    m.fact(`R:${c.code}`, c.requests);
    m.fact(`A:${c.code}`, c.accounts);
    m.fact(`refused:${c.code}`, c.rejected_or_challenged);
    m.fact(`nodata:${c.code}`, c.no_data);
    m.share(`P:${c.code}`, `R:${c.code}`, c.percentage_disclosed);
    m.share(`content:${c.code}`, `R:${c.code}`, c.percentage_content);
    m.share(`noncontent:${c.code}`, `R:${c.code}`, c.percentage_non_content_only);
    m.share(`nodata:${c.code}`, `R:${c.code}`, c.percentage_no_data);
    m.share(`refused:${c.code}`, `R:${c.code}`, c.percentage_rejected);
    for (const p of c.processes) {
      m.fact(`r:${c.code}:${p.process}`, p.requests);
      m.fact(`a:${c.code}:${p.process}`, p.accounts);
      if (p.process !== 'preservation')
        m.share(`prod:${c.code}:${p.process}`, `r:${c.code}:${p.process}`, p.percentage_disclosed);
    }
  }
  const codes = report.countries.map((c) => c.code);
  const having = (p: string) =>
    report.countries.filter((c) => c.processes.some((r) => r.process === p)).map((c) => c.code);
  m.sum(
    'TR',
    codes.map((c) => `R:${c}`),
  );
  m.sum(
    'TA',
    codes.map((c) => `A:${c}`),
  );
  m.sum(
    'TP',
    codes.map((c) => `P:${c}`),
  );
  m.sum(
    'ER',
    having('emergency_disclosure').map((c) => `r:${c}:emergency_disclosure`),
  );
  m.sum(
    'EA',
    having('emergency_disclosure').map((c) => `a:${c}:emergency_disclosure`),
  );
  m.sum(
    'EP',
    having('emergency_disclosure').map((c) => `prod:${c}:emergency_disclosure`),
  );
  m.sum(
    'PR',
    having('preservation').map((c) => `r:${c}:preservation`),
  );
  m.sum(
    'PA',
    having('preservation').map((c) => `a:${c}:preservation`),
  );
  m.fact('TR', report.totals.requests);
  m.fact('TA', report.totals.accounts);
  m.share('TP', 'TR', report.totals.percentage_disclosed);
  m.fact('ER', report.emergency.requests);
  m.fact('EA', report.emergency.accounts);
  m.share('EP', 'ER', report.emergency.percentage_disclosed);
  m.fact('PR', report.preservation.requests);
  m.fact('PA', report.preservation.accounts);
  if (report.notifications) {
    const regions = report.notifications.by_region.map((r) => `region:${r.region}`);
    m.sum('N', regions.includes('region:Other regions') ? regions : [...regions, 'region:Other regions']);
    m.fact('N', report.notifications.people);
    for (const r of report.notifications.by_region) m.fact(`region:${r.region}`, r.people);
  }

  // The Google and Microsoft CSV files, read back as a reader would.
  for (const row of rows(render([report], 'google-csv').body)) {
    const v = `${row['CLDR Territory Code']}:${processOfLabel(row['Legal Process']!)}`;
    m.fact(`r:${v}`, count(row['User Data Requests']));
    m.fact(`a:${v}`, count(row['Accounts']));
    if (!v.endsWith(':preservation')) m.share(`prod:${v}`, `r:${v}`, percent(row['Percentage disclosed']));
  }
  for (const row of rows(render([report], 'microsoft').body)) {
    const c = row['CLDR Territory Code']!;
    m.fact(`R:${c}`, count(row['Total Requests']));
    m.fact(`A:${c}`, count(row['Accounts Specified']));
    m.share(`content:${c}`, `R:${c}`, percent(row['Disclosure of Content (%)']));
    m.share(`noncontent:${c}`, `R:${c}`, percent(row['Disclosure of Non-Content Only (%)']));
    m.share(`nodata:${c}`, `R:${c}`, percent(row['No Data Found (%)']));
    m.share(`refused:${c}`, `R:${c}`, percent(row['Rejected or Challenged (%)']));
  }
  return m;
}

/** The true value of every count the attacker reasons about, from the figures the report was built from. */
export function truthOf(figures: readonly RequestFigure[], notified: Notified, report: TransparencyReport) {
  const truth = new Map<string, number>();
  const bump = (v: string, n: number) => truth.set(v, (truth.get(v) ?? 0) + n);
  for (const f of figures) {
    const p = processOfRequestType(f.request_type);
    if (p === 'national_security') continue;
    const c = f.country;
    const produced = f.outcome === 'produced' ? f.requests : 0;
    bump(`r:${c}:${p}`, f.requests);
    bump(`a:${c}:${p}`, f.accounts);
    if (p === 'preservation') continue;
    bump(`prod:${c}:${p}`, produced);
    bump(`unprod:${c}:${p}`, f.requests - produced);
    const outcome = {
      no_data: 'nodata',
      rejected: 'refused',
      challenged: 'refused',
      withdrawn: 'other',
      pending: 'other',
    } as const;
    bump(`${f.outcome === 'produced' ? (f.content ? 'content' : 'noncontent') : outcome[f.outcome]}:${c}`, f.requests);
    for (const [v, n] of [
      [`R:${c}`, f.requests],
      [`A:${c}`, f.accounts],
      [`P:${c}`, produced],
    ] as const)
      bump(v, n);
  }
  // A region left unnamed is only as hidden as the group it is in: the people not in any named region.
  const named = (report.notifications?.by_region ?? []).filter((r) => r.region !== 'Other regions');
  const namedPeople = named.reduce((a, r) => a + (typeof r.people === 'number' ? r.people : 0), 0);
  truth.set('region:Other regions', notified.people - namedPeople);
  truth.set('N', notified.people);
  return truth;
}

export interface Recovered {
  value: string;
  truth: number;
  learnt: Bounds;
}

/**
 * Small counts (1 to threshold-1) the published figures say too much about, each with its true value and what the
 * attacker learnt: a single cell (a legal process, an outcome, a group of regions) must stay anywhere from 1 to
 * threshold-1; a total of several cells (`R:FR`, `TR`, `N`, ...) may be known to be at least their number, but never
 * exactly. Also fails when the attacker's reasoning excludes the truth.
 */
export function recoverSmallCounts(report: TransparencyReport, truth: ReadonlyMap<string, number>, threshold: number) {
  const learnt = learn(report).solve();
  const recovered: Recovered[] = [];
  for (const [value, n] of truth) {
    const [lo, hi] = learnt.get(value) ?? UNKNOWN;
    if (n < lo || n > hi) throw new Error(`the attacker is wrong about ${value}: ${n} is not in ${lo}..${hi}`);
    const total = /^[A-Z]/.test(value);
    const told = total ? lo === hi : lo > 1 || hi < threshold - 1;
    if (n >= 1 && n < threshold && told) recovered.push({ value, truth: n, learnt: [lo, hi] });
  }
  return recovered;
}
