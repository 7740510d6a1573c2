import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { listAuditEntries } from '../../src/core/audit/index.ts';
import { createTestApp, signedInAs, tokenFor, type TestApp } from '../support/app.ts';
import { agency, requests } from './factory.ts';

type Release = { id: string; period: string; version: number; state: string; superseded: boolean };

describe('releases: draft, review, publication, corrections', () => {
  let t: TestApp;
  let builder: Awaited<ReturnType<typeof signedInAs>>;
  let reviewer: Awaited<ReturnType<typeof signedInAs>>;
  let draftId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const fr = await agency(t.runtime.ctx, 'FR');
    await requests(t.runtime.ctx, { agency: fr, type: 'subpoena', state: 'disclosed', count: 40 });
    builder = await signedInAs(t, 'legal_reviewer');
    reviewer = await signedInAs(t, 'legal_reviewer');
  }, 120_000);
  afterAll(() => t?.close());

  const anonymous = (url: string) => t.app.inject({ method: 'GET', url });

  it('builds a draft that nobody outside can see', async () => {
    const built = await builder.browser.post('/api/transparency/releases', { period: '2026H1' });
    expect(built.statusCode).toBe(201);
    draftId = (built.json() as Release).id;
    expect(built.json()).toMatchObject({ period: '2026H1', version: 1, state: 'draft' });

    const list = await anonymous('/api/public/transparency/releases');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({ releases: [] });
    for (const url of [
      `/api/public/transparency/releases/${draftId}`,
      `/api/public/transparency/releases/${draftId}/export?format=google-csv`,
    ]) {
      const res = await anonymous(url);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).not.toContain('"France"');
    }
    expect((await anonymous('/api/transparency/releases')).statusCode).toBe(401);
    // Staff read drafts, with their report.
    const staff = await builder.browser.get(`/api/transparency/releases/${draftId}`);
    expect(staff.json()).toMatchObject({ release: { state: 'draft' }, report: { totals: { requests: 40 } } });
  });

  it('is reviewed by someone other than its builder, and published only once approved', async () => {
    const early = await builder.browser.post(`/api/transparency/releases/${draftId}/publish`);
    expect(early.statusCode).toBe(409);
    const self = await builder.browser.post(`/api/transparency/releases/${draftId}/approve`, {});
    expect(self.statusCode).toBe(403);
    const analyst = await signedInAs(t, 'analyst');
    expect((await analyst.browser.post('/api/transparency/releases', { period: '2026H1' })).statusCode).toBe(403);
    expect((await analyst.browser.post(`/api/transparency/releases/${draftId}/approve`, {})).statusCode).toBe(403);

    const approved = await reviewer.browser.post(`/api/transparency/releases/${draftId}/approve`, { note: 'checked' });
    expect(approved.statusCode).toBe(200);
    const published = await reviewer.browser.post(`/api/transparency/releases/${draftId}/publish`);
    expect(published.statusCode).toBe(200);
    const hash = (published.json() as { content_hash: string }).content_hash;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);

    const [entry] = await listAuditEntries(t.runtime.ctx.db, { limit: 1, action: 'transparency_release.published' });
    expect(entry?.details).toMatchObject({ period: '2026H1', version: 1, content_hash: hash });

    const list = (await anonymous('/api/public/transparency/releases')).json() as { releases: Release[] };
    expect(list.releases).toMatchObject([{ id: draftId, period: '2026H1', version: 1, superseded: false }]);
    const one = await anonymous(`/api/public/transparency/releases/${draftId}`);
    expect(one.json()).toMatchObject({ report: { countries: [{ name: 'France', requests: 40 }] } });
    expect(one.body).not.toContain('created_by');
  });

  it('cannot be altered once published: not through the API, not in the database', async () => {
    expect(
      (await builder.browser.request({ method: 'DELETE', url: `/api/transparency/releases/${draftId}` })).statusCode,
    ).toBe(409);
    expect((await reviewer.browser.post(`/api/transparency/releases/${draftId}/approve`, {})).statusCode).toBe(409);
    await expect(
      sql`update transparency_releases set content = '{}'::jsonb where id = ${draftId}`.execute(t.runtime.ctx.db),
    ).rejects.toThrow(/published and cannot be altered/);
    await expect(
      sql`delete from transparency_releases where id = ${draftId}`.execute(t.runtime.ctx.db),
    ).rejects.toThrow(/published and cannot be altered/);
    // A rebuild without saying what changed is refused.
    const silent = await builder.browser.post('/api/transparency/releases', { period: '2026H1' });
    expect(silent.statusCode).toBe(400);
    expect(silent.json()).toMatchObject({ detail: expect.stringMatching(/change note/) });
  });

  it('publishes a correction as a new version and keeps the old one visible', async () => {
    const fr = await agency(t.runtime.ctx, 'FR');
    await requests(t.runtime.ctx, { agency: fr, type: 'search_warrant', state: 'rejected', count: 2 });
    const built = await builder.browser.post('/api/transparency/releases', {
      period: '2026H1',
      change_note: 'Two search warrants entered late.',
    });
    expect(built.json()).toMatchObject({ version: 2, state: 'draft' });
    const id = (built.json() as Release).id;
    await reviewer.browser.post(`/api/transparency/releases/${id}/approve`, {});
    expect((await reviewer.browser.post(`/api/transparency/releases/${id}/publish`)).statusCode).toBe(200);
    const list = (await anonymous('/api/public/transparency/releases')).json() as { releases: Release[] };
    expect(list.releases).toMatchObject([
      { id, version: 2, superseded: false, change_note: 'Two search warrants entered late.' },
      { id: draftId, version: 1, superseded: true },
    ]);
    const series = await anonymous('/api/public/transparency/export?format=google-csv');
    expect(series.headers['content-disposition']).toMatch(/attachment; filename="accord-transparency-series.csv"/);
    expect(series.body).toContain('2026-06-30,France,FR,Search Warrant,2,0,2');
    const chart = (await anonymous('/api/public/transparency/series')).json() as {
      periods: { period: string; version: number; countries: { code: string; requests: unknown }[] }[];
    };
    expect(chart.periods).toMatchObject([{ period: '2026H1', version: 2, countries: [{ code: 'FR', requests: 42 }] }]);
  });

  it('serves the JSON form with a JSON Schema it validates against', async () => {
    const schema = await anonymous('/api/public/transparency/schema.json');
    expect(schema.headers['content-type']).toMatch(/schema\+json/);
    const json = await anonymous(`/api/public/transparency/releases/${draftId}/export?format=json`);
    const ajv = new Ajv2020.default({ strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema.json());
    const document = json.json() as unknown;
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    const microsoft = await anonymous(`/api/public/transparency/releases/${draftId}/export?format=microsoft`);
    expect(microsoft.body.split('\n')[1]).toBe('2026H1,France,FR,40,40,0,100,0,0');
  });

  it('answers bad input with problem+json', async () => {
    const token = await tokenFor(t, 'legal_reviewer');
    const cases = [
      { method: 'POST' as const, url: '/api/transparency/releases', payload: { period: '2026H3' }, status: 400 },
      { method: 'POST' as const, url: '/api/transparency/releases', payload: { period: '2099H1' }, status: 400 },
      { method: 'POST' as const, url: '/api/transparency/releases', payload: { period: '2026H1', x: 1 }, status: 400 },
      { method: 'GET' as const, url: '/api/transparency/releases/not-a-uuid', status: 400 },
      { method: 'GET' as const, url: `/api/transparency/releases/${draftId}/export?format=pdf`, status: 400 },
      {
        method: 'GET' as const,
        url: '/api/transparency/releases/00000000-0000-4000-8000-000000000000',
        status: 404,
      },
    ];
    for (const c of cases) {
      const res = await t.app.inject({ ...c, headers: { authorization: token.authorization } });
      expect(res.statusCode, c.url).toBe(c.status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });
});

it('the JSON Schema in docs/ is the one the API serves', async () => {
  const { readFileSync } = await import('node:fs');
  const { TransparencyReport } = await import('../../src/transparency/report-schema.ts');
  const documented = JSON.parse(
    readFileSync(new URL('../../docs/schemas/transparency-report.schema.json', import.meta.url), 'utf8'),
  ) as unknown;
  expect(documented).toEqual(JSON.parse(JSON.stringify(TransparencyReport)));
});
