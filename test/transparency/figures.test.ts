import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreContext } from '../../src/core/context.ts';
import { aggregateReport, parsePeriod } from '../../src/transparency/service.ts';
import { googleCsv, nationalSecurityCsv } from '../../src/transparency/formats/google-csv.ts';
import { microsoftCsv } from '../../src/transparency/formats/microsoft-csv.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
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
    expect(report.threshold).toBe(5);
    expect(fr!.requests).toBe(12);
    expect(fr!.rejected_or_challenged).toEqual({ min: 1, max: 4 });
    expect(fr!.processes.map((p) => [p.requests, p.accounts, p.percentage_disclosed])).toEqual([
      [10, 12, 60],
      [{ min: 1, max: 4 }, { min: 1, max: 4 }, null],
      [{ min: 1, max: 4 }, { min: 1, max: 4 }, null],
    ]);
    expect(de!.processes[0]).toMatchObject({ requests: 5, accounts: 5, percentage_disclosed: 100 }); // at the threshold
    expect(de!.processes[1]).toMatchObject({ requests: { min: 1, max: 4 }, percentage_disclosed: null });
    expect(us).toMatchObject({ requests: { min: 1, max: 4 }, percentage_disclosed: null, percentage_content: null });
    expect(report.totals.requests).toEqual({ min: 19, max: 22 });
    expect(report.totals.accounts).toEqual({ min: 21, max: 24 });
    expect(report.notifications).toEqual({
      people: 7,
      by_region: [
        { region: 'Europe', people: 5 },
        { region: 'Other regions', people: { min: 1, max: 4 } },
      ],
    });
    expect(googleCsv([report])).toContain('2026-06-30,France,FR,Emergency Disclosure Request,1-4,,1-4\n');
    expect(report.rules.join(' ')).toMatch(/Counts from 1 to 4 are shown as the band 1-4/);
  });

  it('reports nothing for a period without requests', async () => {
    const report = await aggregateReport(runtime.ctx, parsePeriod('2024Q2'), { ...rules, threshold: 0 });
    expect(report.countries).toEqual([]);
    expect(report.totals).toEqual({ requests: 0, accounts: 0, percentage_disclosed: null });
    expect(report.notifications).toEqual({ people: 0, by_region: [] });
  });
});
