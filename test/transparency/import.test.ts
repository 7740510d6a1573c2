import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit/index.ts';
import { buildDraft, exportSeries, importGoogleCsv, releases } from '../../src/transparency/service.ts';
import { createTestApp, tokenFor, type TestApp } from '../support/app.ts';

const HEADER =
  'Period Ending,Country/Region,CLDR Territory Code,Legal Process,User Data Requests,Percentage disclosed,Accounts\n';

// Earlier published figures: two half-years, a quoted name, a blank percentage for preservation, accounts not
// reported in the older period, a banded cell, and percentages written with and without decimals.
const ROWS_2024H2 = [
  '2024-12-31,Brazil,BR,Subpoena,1204,81,2290\n',
  '2024-12-31,Brazil,BR,Preservation Requests,35,,60\n',
  '2024-12-31,"Korea, Republic of",KR,Other Court Order,12,50,\n',
  '2024-12-31,Germany,DE,Emergency Disclosure Requests,0-9,,0-9\n',
];
const ROWS_2025H1 = [
  '2025-06-30,Brazil,BR,Subpoena,1310,79,2501\n',
  '2025-06-30,India,IN,Other Legal Process,2712,68.0,4013\n',
];

describe('importing earlier figures in the Google layout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  }, 120_000);
  afterAll(() => t?.close());

  it('exports the imported rows byte for byte, and a second import changes nothing', async () => {
    const file = HEADER + ROWS_2024H2.join('') + ROWS_2025H1.join('');
    const first = await importGoogleCsv(t.runtime.ctx, systemActor('test'), file);
    expect(first.errors).toEqual([]);
    expect(first.periods.map((p) => [p.period, p.rows, p.outcome])).toEqual([
      ['2024H2', 4, 'imported'],
      ['2025H1', 2, 'imported'],
    ]);
    const exported = await exportSeries(t.runtime.ctx, 'google-csv', ['2024H2', '2025H1']);
    expect(exported.body).toBe(file);
    const again = await importGoogleCsv(t.runtime.ctx, systemActor('test'), file);
    expect(again.periods.map((p) => p.outcome)).toEqual(['unchanged', 'unchanged']);
    expect((await releases(t.runtime.ctx, 'public')).length).toBe(2);

    const json = JSON.parse((await exportSeries(t.runtime.ctx, 'json', ['2024H2'])).body) as {
      source: string;
      countries: { code: string; name: string; accounts: unknown; processes: unknown[] }[];
      preservation: unknown;
    };
    expect(json.source).toBe('imported');
    expect(json.countries.find((c) => c.code === 'KR')).toMatchObject({ name: 'Korea, Republic of', accounts: null });
    expect(json.preservation).toEqual({ requests: 35, accounts: 60 });
  });

  it('keeps CRLF rows as they were', async () => {
    const rows = ['2023-12-31,France,FR,Subpoena,10,50,12\r\n', '2023-12-31,France,FR,Search Warrant,3,100,3\r\n'];
    await importGoogleCsv(t.runtime.ctx, systemActor('test'), HEADER.replace('\n', '\r\n') + rows.join(''));
    const exported = await exportSeries(t.runtime.ctx, 'google-csv', ['2023H2']);
    expect(exported.body).toBe(HEADER + rows.join(''));
  });

  it('reports bad rows by line and keeps the good ones', async () => {
    const file =
      HEADER +
      [
        '2022-06-30,Chile,CL,Subpoena,10,50,12',
        '2022-06-29,Chile,CL,Subpoena,10,50,12',
        '2022-06-30,Atlantis,XX,Subpoena,10,50,12',
        '2022-06-30,Chile,CL,Subpoena,ten,50,12',
        '2022-06-30,Chile,CL,Subpoena,10,150,12',
        '2022-06-30,Chile,CL,,10,50,12',
        '2022-06-30,Chile,CL,Search Warrant,4,25,4',
      ].join('\n');
    const outcome = await importGoogleCsv(t.runtime.ctx, systemActor('test'), file);
    expect(outcome.periods).toMatchObject([{ period: '2022H1', rows: 2, outcome: 'imported' }]);
    expect(outcome.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7]);
    expect(outcome.errors[0]!.reason).toMatch(/Period Ending '2022-06-29'/);
    expect(outcome.errors[1]!.reason).toMatch(/territory code/);
    expect(outcome.errors[2]!.reason).toMatch(/'ten' is not a count/);
    expect(outcome.errors[3]!.reason).toMatch(/percentage/);
  });

  it('never overwrites a period that already has releases', async () => {
    await buildDraft(t.runtime.ctx, systemActor('test'), { period: '2021H1' });
    const outcome = await importGoogleCsv(
      t.runtime.ctx,
      systemActor('test'),
      HEADER + '2021-06-30,Chile,CL,Subpoena,1,0,1\n2021-12-31,Chile,CL,Subpoena,2,0,2\n',
    );
    expect(outcome.periods.map((p) => p.period)).toEqual(['2021H2']);
    expect(outcome.errors).toEqual([{ line: 2, reason: expect.stringMatching(/2021H1 already has releases/) }]);
  });

  it('takes uploads over the API and refuses files that are not the layout', async () => {
    const token = await tokenFor(t, 'legal_reviewer');
    const upload = (payload: string, type = 'text/csv') =>
      t.app.inject({
        method: 'POST',
        url: '/api/transparency/imports',
        headers: { authorization: token.authorization, 'content-type': type },
        payload,
      });
    const ok = await upload(HEADER + '2020-12-31,Chile,CL,Subpoena,5,20,5\n');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ periods: [{ period: '2020H2', outcome: 'imported' }], errors: [] });
    const wrongHeader = await upload('a,b,c\n1,2,3\n');
    expect(wrongHeader.statusCode).toBe(400);
    expect(wrongHeader.json()).toMatchObject({ detail: expect.stringMatching(/header has no 'period ending'/) });
    const allBad = await upload(HEADER + 'x,y,z,w,1,2,3\n');
    expect(allBad.statusCode).toBe(422);
    expect(allBad.json()).toMatchObject({ errors: [{ line: 2 }] });
    expect((await upload('{}', 'application/json')).statusCode).toBe(400);
    expect((await upload('', 'text/csv')).statusCode).toBe(400);
    const analyst = await tokenFor(t, 'analyst');
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/transparency/imports',
      headers: { authorization: analyst.authorization, 'content-type': 'text/csv' },
      payload: HEADER,
    });
    expect(refused.statusCode).toBe(403);
  });
});
