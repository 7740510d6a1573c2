import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreContext } from '../../src/core/context.ts';
import { requestFigures, type RequestFigure, type RequestOutcome } from '../../src/lawful/service.ts';
import { peopleNotified } from '../../src/notify/service.ts';
import { composeReport } from '../../src/transparency/aggregate.ts';
import { aggregateReport, parsePeriod } from '../../src/transparency/service.ts';
import { googleCsv, nationalSecurityCsv } from '../../src/transparency/formats/google-csv.ts';
import { microsoftCsv } from '../../src/transparency/formats/microsoft-csv.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { recoverSmallCounts, truthOf } from './attacker.ts';
import { agency, notices, requests } from './factory.ts';

/**
 * Requests with known totals in 2026H1 (and some just outside it). France: 10 subpoenas (6 disclosed, 2 of them
 * content; 2 rejected, 1 no data, 1 sent back to be narrowed), 2 emergency requests disclosed, 3 preservation
 * requests pending. Germany: 5 search warrants disclosed with content, 1 court order withdrawn (received on the
 * first instant of the period). United States: 1 subpoena disclosed, 7 national-security requests naming 30
 * accounts each.
 */
async function seed(ctx: CoreContext) {
  const fr = await agency(ctx, 'FR');
  const de = await agency(ctx, 'DE');
  const us = await agency(ctx, 'US');
  const specs = [
    { agency: fr, type: 'subpoena', state: 'disclosed', count: 4 },
    { agency: fr, type: 'subpoena', state: 'disclosed', count: 2, accounts: 2, content: true },
    { agency: fr, type: 'subpoena', state: 'rejected', count: 2 },
    { agency: fr, type: 'subpoena', state: 'no_data', count: 1 },
    { agency: fr, type: 'subpoena', state: 'narrowing_requested', count: 1 },
    { agency: fr, type: 'emergency_disclosure', state: 'disclosed', count: 2 },
    { agency: fr, type: 'preservation', state: 'in_review', count: 3 },
    { agency: de, type: 'search_warrant', state: 'disclosed', count: 5, content: true },
    { agency: de, type: 'court_order', state: 'withdrawn', count: 1, at: '2026-01-01T00:00:00Z' },
    { agency: us, type: 'subpoena', state: 'disclosed', count: 1 },
    { agency: us, type: 'national_security', state: 'in_review', count: 7, accounts: 30 },
    // Outside the period: the last instant of 2025 and the first of the second half.
    { agency: fr, type: 'subpoena', state: 'disclosed', count: 5, at: '2025-12-31T23:59:59.999Z' },
    { agency: fr, type: 'subpoena', state: 'disclosed', count: 5, at: '2026-07-01T00:00:00Z' },
  ] as const;
  for (const spec of specs) await requests(ctx, spec);
  await notices(ctx, 'FR', 3, '2026-02-01T00:00:00Z', 2); // each notified twice: counted once
  await notices(ctx, 'DE', 2);
  await notices(ctx, 'KE', 1);
  await notices(ctx, null, 1);
  await notices(ctx, 'FR', 4, '2025-11-01T00:00:00Z');
}

const rules = { provider: 'Example Mail', nationalSecurityBand: 500 };

describe('a report from records with known totals', () => {
  let runtime: TestRuntime;
  beforeAll(async () => {
    runtime = await createTestRuntime();
    await seed(runtime.ctx);
  }, 120_000);
  afterAll(() => runtime?.close());

  it('counts every column exactly when no threshold applies', async () => {
    const report = await aggregateReport(runtime.ctx, parsePeriod('2026H1'), { ...rules, threshold: 0 });
    expect(report.period).toEqual({ id: '2026H1', kind: 'half-year', start: '2026-01-01', ending: '2026-06-30' });
    expect(report.threshold).toBeNull();
    expect(report.countries.map((c) => c.name)).toEqual(['France', 'Germany', 'United States']);
    const [fr, de, us] = report.countries;
    expect(fr).toMatchObject({
      code: 'FR',
      region: 'Europe',
      requests: 12,
      accounts: 14,
      percentage_disclosed: 67,
      percentage_content: 17,
      percentage_non_content_only: 50,
      percentage_no_data: 8,
      percentage_rejected: 25,
      rejected_or_challenged: 3,
      no_data: 1,
    });
    expect(fr!.processes).toEqual([
      { process: 'subpoena', label: 'Subpoena', requests: 10, accounts: 12, percentage_disclosed: 60 },
      {
        process: 'emergency_disclosure',
        label: 'Emergency Disclosure Request',
        requests: 2,
        accounts: 2,
        percentage_disclosed: 100,
      },
      { process: 'preservation', label: 'Preservation Request', requests: 3, accounts: 3, percentage_disclosed: null },
    ]);
    expect(de).toMatchObject({ requests: 6, accounts: 6, percentage_disclosed: 83, percentage_content: 83 });
    expect(de!.processes.map((p) => [p.label, p.requests, p.percentage_disclosed])).toEqual([
      ['Search Warrant', 5, 100],
      ['Other Court Order', 1, 0],
    ]);
    expect(us).toMatchObject({ requests: 1, accounts: 1, region: 'North America', percentage_non_content_only: 100 });
    expect(report.totals).toEqual({ requests: 19, accounts: 21, percentage_disclosed: 74 });
    expect(report.emergency).toEqual({ requests: 2, accounts: 2, percentage_disclosed: 100 });
    expect(report.preservation).toEqual({ requests: 3, accounts: 3 });
    expect(report.national_security).toEqual([
      { code: 'US', name: 'United States', requests: { min: 0, max: 499 }, accounts: { min: 0, max: 499 } },
    ]);
    expect(report.notifications).toEqual({
      people: 7,
      by_region: [
        { region: 'Europe', people: 5 },
        { region: 'Africa', people: 1 },
        { region: 'Unknown region', people: 1 },
      ],
    });
    expect(report.rules.join(' ')).toMatch(/bands of 500/);
  });

  it('writes the Google, national-security and Microsoft layouts row for row', async () => {
    const report = await aggregateReport(runtime.ctx, parsePeriod('2026H1'), { ...rules, threshold: 0 });
    expect(googleCsv([report])).toBe(
      [
        'Period Ending,Country/Region,CLDR Territory Code,Legal Process,User Data Requests,Percentage disclosed,Accounts',
        '2026-06-30,France,FR,Subpoena,10,60,12',
        '2026-06-30,France,FR,Emergency Disclosure Request,2,100,2',
        '2026-06-30,France,FR,Preservation Request,3,,3',
        '2026-06-30,Germany,DE,Search Warrant,5,100,5',
        '2026-06-30,Germany,DE,Other Court Order,1,0,1',
        '2026-06-30,United States,US,Subpoena,1,100,1',
        '',
      ].join('\n'),
    );
    expect(nationalSecurityCsv([report])).toBe(
      [
        'Period Ending,Country/Region,CLDR Territory Code,Legal Process,Requests Min,Requests Max,Accounts Min,Accounts Max',
        '2026-06-30,United States,US,National Security Process,0,499,0,499',
        '',
      ].join('\n'),
    );
    expect(microsoftCsv([report])).toBe(
      [
        'Period,Country/Region,CLDR Territory Code,Total Requests,Accounts Specified,Disclosure of Content (%),Disclosure of Non-Content Only (%),No Data Found (%),Rejected or Challenged (%)',
        '2026H1,France,FR,12,14,17,50,8,25',
        '2026H1,Germany,DE,6,6,83,0,0,0',
        '2026H1,United States,US,1,1,0,100,0,0',
        '',
      ].join('\n'),
    );
  });

  it('bands counts under the threshold, keeps the threshold itself exact, and bands totals that include a band', async () => {
    const report = await aggregateReport(runtime.ctx, parsePeriod('2026H1'), { ...rules, threshold: 5 });
    const [fr, de, us] = report.countries;
    const band = { min: 1, max: 4 };
    expect(report.threshold).toBe(5);
    // France's total is its processes' published figures added up (10 + 1-4), so 12 - 10 no longer gives away its
    // 2 emergency requests; and its outcome shares would give away 3 rejected or challenged and 1 without data.
    expect(fr).toMatchObject({
      requests: { min: 11, max: 14 },
      accounts: { min: 13, max: 16 },
      percentage_disclosed: null,
      percentage_content: null,
      percentage_non_content_only: null,
      percentage_no_data: null,
      percentage_rejected: null,
      rejected_or_challenged: null,
      no_data: null,
    });
    // 60% of 10 subpoenas would say that 4 were not answered with data.
    expect(fr!.processes.map((p) => [p.requests, p.accounts, p.percentage_disclosed])).toEqual([
      [10, 12, null],
      [band, band, null],
      [band, band, null],
    ]);
    expect(de!.processes[0]).toMatchObject({ requests: 5, accounts: 5, percentage_disclosed: 100 }); // at the threshold
    expect(de!.processes[1]).toMatchObject({ requests: band, percentage_disclosed: null });
    expect(de).toMatchObject({ requests: { min: 6, max: 9 }, percentage_disclosed: null });
    expect(us).toMatchObject({ requests: band, percentage_disclosed: null, percentage_content: null });
    expect(report.totals).toEqual({
      requests: { min: 18, max: 27 },
      accounts: { min: 20, max: 29 },
      percentage_disclosed: null,
    });
    expect(report.emergency).toEqual({ requests: band, accounts: band, percentage_disclosed: null });
    // Europe (5) alone would leave 7 - 5 = 2 people in Africa and an unknown region.
    expect(report.notifications).toEqual({ people: 7, by_region: [{ region: 'Other regions', people: 7 }] });
    expect(googleCsv([report])).toContain('2026-06-30,France,FR,Emergency Disclosure Request,1-4,,1-4\n');
    expect(microsoftCsv([report]).split('\n')[1]).toBe('2026H1,France,FR,11-14,13-16,,,,');
    expect(report.rules.join(' ')).toMatch(/Counts from 1 to 4 are shown as the band 1-4/);
    expect(report.rules.join(' ')).toMatch(/no banded figure can be found by subtracting/);
  });

  it('reports nothing for a period without requests', async () => {
    const report = await aggregateReport(runtime.ctx, parsePeriod('2024Q2'), { ...rules, threshold: 0 });
    expect(report.countries).toEqual([]);
    expect(report.totals).toEqual({ requests: 0, accounts: 0, percentage_disclosed: null });
    expect(report.notifications).toEqual({ people: 0, by_region: [] });
  });
});

describe('small numbers cannot be recovered by arithmetic', () => {
  let runtime: TestRuntime;
  beforeAll(async () => {
    runtime = await createTestRuntime();
    await seed(runtime.ctx);
  }, 120_000);
  afterAll(() => runtime?.close());

  it('from every format of the seeded report, at thresholds 3, 5 and 10', async () => {
    const period = parsePeriod('2026H1');
    const figures = await requestFigures(runtime.ctx, period.start, period.end);
    const notified = await peopleNotified(runtime.ctx, period.start, period.end);
    for (const threshold of [3, 5, 10]) {
      const report = await aggregateReport(runtime.ctx, period, { ...rules, threshold });
      expect(
        recoverSmallCounts(report, truthOf(figures, notified, report), threshold),
        `threshold ${threshold}`,
      ).toEqual([]);
    }
  });
});

describe('shares at the threshold', () => {
  const period = parsePeriod('2026H1');
  const figure = (request_type: string, outcome: RequestOutcome, requests: number, content = false): RequestFigure => ({
    country: 'FR',
    request_type,
    outcome,
    content,
    requests,
    accounts: requests,
  });
  const compose = (figures: RequestFigure[]) =>
    composeReport(period, { ...rules, threshold: 5 }, figures, { people: 0, byCountry: [] });
  const subpoenas = (open: number) => [
    figure('subpoena', 'produced', 5, true),
    figure('subpoena', 'produced', 5),
    figure('subpoena', 'no_data', 5),
    figure('subpoena', 'rejected', 5),
    figure('subpoena', 'pending', open),
    figure('emergency_disclosure', 'produced', 5),
  ];

  it('gives every figure when each outcome and the rest are exactly the threshold', () => {
    const report = compose(subpoenas(5));
    expect(report.countries[0]).toMatchObject({
      requests: 30,
      percentage_disclosed: 50,
      percentage_content: 17,
      percentage_non_content_only: 33,
      percentage_no_data: 17,
      percentage_rejected: 17,
      rejected_or_challenged: 5,
      no_data: 5,
    });
    expect(report.countries[0]!.processes.map((p) => p.percentage_disclosed)).toEqual([40, 100]);
    expect(report.totals).toEqual({ requests: 30, accounts: 30, percentage_disclosed: 50 });
    expect(report.emergency.percentage_disclosed).toBe(100);
  });

  it('withholds a country’s outcomes when one of them is one below, and keeps the shares that give nothing away', () => {
    const report = compose(subpoenas(4));
    expect(report.countries[0]).toMatchObject({ requests: 29, percentage_rejected: null, no_data: null });
    expect(report.countries[0]!.processes.map((p) => p.percentage_disclosed)).toEqual([42, 100]);
    expect(report.totals.percentage_disclosed).toBe(52);
    const truth = truthOf(subpoenas(4), { people: 0, byCountry: [] }, report);
    expect(recoverSmallCounts(report, truth, 5)).toEqual([]);
  });

  it('leaves nothing small to recover in any report, whatever the figures', () => {
    const countries = ['FR', 'DE', 'KE', 'BR'];
    const types = ['subpoena', 'search_warrant', 'emergency_disclosure', 'preservation', 'national_security'];
    const outcomes: RequestOutcome[] = ['produced', 'no_data', 'rejected', 'challenged', 'withdrawn', 'pending'];
    const arbitraryFigure = fc.record({
      country: fc.constantFrom(...countries),
      request_type: fc.constantFrom(...types),
      outcome: fc.constantFrom(...outcomes),
      content: fc.boolean(),
      requests: fc.integer({ min: 1, max: 14 }),
      extra: fc.integer({ min: 0, max: 3 }),
    });
    const arbitraryNotified = fc.array(
      fc.record({
        country: fc.constantFrom('FR', 'DE', 'KE', 'BR', 'JP', null),
        people: fc.integer({ min: 1, max: 12 }),
      }),
      { maxLength: 5 },
    );
    fc.assert(
      fc.property(
        fc.array(arbitraryFigure, { maxLength: 14 }),
        arbitraryNotified,
        fc.constantFrom(3, 5, 10),
        (drawn, drawnNotified, threshold) => {
          // One figure per group, as the lawful module gives them; accounts at least one per request.
          const groups = new Map<string, RequestFigure>();
          for (const { extra, ...f } of drawn) {
            const key = [f.country, f.request_type, f.outcome, f.content].join('|');
            const g = groups.get(key) ?? { ...f, requests: 0, accounts: 0 };
            groups.set(key, { ...g, requests: g.requests + f.requests, accounts: g.accounts + f.requests + extra });
          }
          const byCountry = [...new Map(drawnNotified.map((n) => [n.country, n])).values()];
          const notified = { people: byCountry.reduce((a, n) => a + n.people, 0), byCountry };
          const figures = [...groups.values()];
          const report = composeReport(period, { ...rules, threshold }, figures, notified);
          expect(recoverSmallCounts(report, truthOf(figures, notified, report), threshold)).toEqual([]);
        },
      ),
      { numRuns: 300, seed: 9 }, // fixed, so that CI runs the same cases every time
    );
  });
});
