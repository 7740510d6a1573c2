import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listAuditEntries } from '../../src/core/audit/index.ts';
import { currentIndex } from '../../src/screening/index-cache.ts';
import { rescreenJob } from '../../src/screening/service.ts';
import { entriesState, recordEntryChanges } from '../../src/screening/store/lists-store.ts';
import { screeningDb } from '../../src/screening/store/tables.ts';
import { createTestApp, signedInAs, tokenFor, type TestApp } from '../support/app.ts';
import { repoRoot } from '../support/cli.ts';

type Headers = { authorization: string };
let t: TestApp;
let analyst: Headers;
let reviewer: Headers;
let auditor: Headers;
const cslJson = readFileSync(resolve(repoRoot, '../shared/data/screening/csl-spyware-vendors.json'), 'utf8');

const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, headers: Headers, payload?: object) =>
  t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
const json = <T = Record<string, unknown>>(r: { json: () => unknown }) => r.json() as T;

beforeAll(async () => {
  t = await createTestApp();
  analyst = await tokenFor(t, 'analyst');
  reviewer = await tokenFor(t, 'legal_reviewer');
  auditor = await tokenFor(t, 'auditor');
}, 60_000);
afterAll(() => t?.close());

it('imports the real CSL extract, then a re-import records what changed', async () => {
  const first = await call('POST', '/api/screening/lists/import', analyst, {
    name: 'US CSL',
    format: 'csl-json',
    content: cslJson,
  });
  expect(first.statusCode).toBe(201);
  expect(json(first)).toMatchObject({ added: 14, changed: 0, removed: 0, rescreenQueued: true, version: '2026-09-24' });

  const doc = JSON.parse(cslJson) as { entries: Array<Record<string, unknown>> };
  doc.entries[0]!.alt_names = ['NSO Group Technologies'];
  doc.entries.splice(1, 1);
  const again = await call('POST', '/api/screening/lists/import', analyst, {
    name: 'US CSL',
    format: 'csl-json',
    content: JSON.stringify(doc),
    version: '2026-10-01',
  });
  expect(json(again)).toMatchObject({ added: 0, changed: 1, removed: 1, unchanged: 12 });
  expect(json<{ changes: unknown }>(again).changes).toEqual({
    added: [],
    changed: ['NSO Group'],
    removed: ['Positive Technologies'],
  });

  const lists = json<{ lists: Array<{ id: string; entry_count: number; version: string }> }>(
    await call('GET', '/api/screening/lists', auditor),
  ).lists;
  expect(lists).toMatchObject([{ entry_count: 13, version: '2026-10-01' }]);
  const imports = await call('GET', `/api/screening/lists/${lists[0]!.id}/imports`, auditor);
  expect(json<{ imports: unknown[] }>(imports).imports).toHaveLength(2);
});

it('an import updates the in-memory index in place: added entries are found, removed ones no longer', async () => {
  const screen = async (name: string) =>
    json<{ matches: Array<{ name: string }> }>(await call('POST', '/api/screening/screen', analyst, { name })).matches;
  const importCsv = (row: string) =>
    call('POST', '/api/screening/lists/import', analyst, {
      name: 'Index watchlist',
      format: 'csv',
      content: `name,aliases,country,list,source_url\n${row}\n`,
    });
  expect(await screen('Zorvath Dynamics')).toEqual([]);
  const before = (await currentIndex(t.runtime.ctx)).index;
  await importCsv('Zorvath Dynamics Ltd,Zorvath Labs,CY,internal,');
  expect((await screen('Zorvath Dynamics')).map((m) => m.name)).toEqual(['Zorvath Dynamics Ltd']);
  expect((await screen('Zorvath Labs')).map((m) => m.name)).toEqual(['Zorvath Dynamics Ltd']);
  await importCsv('Quellmar Systems GmbH,,DE,internal,');
  expect(await screen('Zorvath Dynamics')).toEqual([]);
  expect((await screen('Quellmar Systems')).map((m) => m.name)).toEqual(['Quellmar Systems GmbH']);
  // The same index object, caught up from the change log rather than rebuilt.
  const after = await currentIndex(t.runtime.ctx);
  expect(after.index).toBe(before);
  expect(after.index.has(before.entries.find((e) => e?.name === 'Quellmar Systems GmbH')!.id)).toBe(true);
});

it('screens a name with explanations', async () => {
  const r = await call('POST', '/api/screening/screen', analyst, { name: 'Intelexa Ltd', country: 'IE' });
  expect(r.statusCode).toBe(200);
  const body = json<{
    matches: Array<{ name: string; score: number; explanation: { summary: string; evidence: unknown[] } }>;
  }>(r);
  expect(body.matches[0]!.name.toLowerCase()).toBe('intellexa limited');
  expect(body.matches[0]!.explanation.evidence).toContainEqual(
    expect.objectContaining({ kind: 'country', effect: 0.05 }),
  );
});

it('refuses wrong roles and bad input with problem+json', async () => {
  // Officers sign in with their second factor; they get no API tokens.
  const { browser: officer } = await signedInAs(t, 'agency_officer');
  expect((await officer.post('/api/screening/screen', { name: 'x' })).statusCode).toBe(403);
  expect(
    (await call('POST', '/api/screening/lists/import', auditor, { name: 'x', format: 'csv', content: 'name\nx' }))
      .statusCode,
  ).toBe(403);
  expect((await t.app.inject({ method: 'GET', url: '/api/screening/lists' })).statusCode).toBe(401);
  for (const [url, payload] of [
    ['/api/screening/screen', { name: '' }],
    ['/api/screening/screen', { name: 'x', threshold: 2 }],
    ['/api/screening/screen', { name: 'x', extra: 1 }],
    ['/api/screening/parties', { name: 'Acme', kind: 'friend' }],
    ['/api/screening/parties', { name: 'Acme', kind: 'vendor', domain: 'not a domain' }],
    ['/api/screening/lists/import', { name: 'x', format: 'csl-json', content: '{' }],
    ['/api/screening/lists/import', { name: 'x', format: 'xml', content: 'x' }],
  ] as const) {
    const r = await call('POST', url, analyst, payload);
    expect(r.statusCode, `${url} ${JSON.stringify(payload)}`).toBe(400);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
  }
  expect((await call('GET', '/api/screening/parties/00000000-0000-4000-8000-000000000000', analyst)).statusCode).toBe(
    404,
  );
  expect((await call('GET', '/api/screening/parties/nope', analyst)).statusCode).toBe(400);
});

it('a list change raises an alert for a new match only, and due diligence ends in an audited decision', async () => {
  const created = await call('POST', '/api/screening/parties', analyst, {
    name: 'Grindavik Solutions',
    kind: 'reseller',
    country: 'IL',
  });
  expect(created.statusCode).toBe(201);
  const { id, matches } = json<{ id: string; matches: unknown[] }>(created);
  expect(matches).toHaveLength(1);
  const clean = json<{ id: string }>(
    await call('POST', '/api/screening/parties', analyst, { name: 'Acme Widgets', kind: 'vendor' }),
  );

  // A plain CSV adds an entry that matches the second party; the rescreen alerts on it and not on known matches.
  const imported = await call('POST', '/api/screening/lists/import', analyst, {
    name: 'Internal watchlist',
    format: 'csv',
    content: 'name,aliases,country,list,source_url\nAcme Widgets Ltd,,,internal,\n',
  });
  const importId = json<{ importId: string }>(imported).importId;
  const job = rescreenJob(t.runtime.ctx);
  const jobCtx = { jobId: 'test', retryCount: 0, log: t.runtime.ctx.log };
  await job.handler({ importId }, jobCtx);
  await job.handler({ importId }, jobCtx);
  const alerts = json<{ alerts: Array<{ id: string; party_id: string; entry_name: string }> }>(
    await call('GET', '/api/screening/alerts?status=open', auditor),
  ).alerts;
  expect(alerts).toHaveLength(1);
  expect(alerts[0]).toMatchObject({ party_id: clean.id, entry_name: 'Acme Widgets Ltd' });

  // Decision: questionnaire first, legal reviewer only, four eyes, open alerts block approval.
  const decision = {
    decision: 'approved_with_conditions',
    reasons: 'End use verified with the customer',
    conditions: 'No resale',
  };
  expect((await call('POST', `/api/screening/parties/${id}/decision`, analyst, decision)).statusCode).toBe(403);
  expect((await call('POST', `/api/screening/parties/${id}/decision`, reviewer, decision)).statusCode).toBe(409);
  const q = await call('PUT', `/api/screening/parties/${id}/questionnaire`, analyst, {
    intended_end_use: 'Resale of network monitoring appliances',
    end_users: 'Telecom operators',
    country_risk: 'medium',
    product_capability: 'surveillance',
    red_flags: ['links_to_listed_vendor'],
  });
  expect(json(q)).toMatchObject({ risk: 'high' });
  const approve = await call('POST', `/api/screening/parties/${id}/decision`, reviewer, {
    ...decision,
    decision: 'approved',
  });
  expect(approve.statusCode).toBe(409);
  const rejected = await call('POST', `/api/screening/parties/${id}/decision`, reviewer, {
    decision: 'rejected',
    reasons: 'Alias of Candiru on the Entity List',
  });
  expect(rejected.statusCode).toBe(201);

  const blocked = await call('PUT', `/api/screening/parties/${clean.id}/questionnaire`, analyst, {
    intended_end_use: 'Office supplies',
    end_users: 'Our staff',
    country_risk: 'low',
    product_capability: 'general',
    red_flags: [],
  });
  expect(json(blocked)).toMatchObject({ risk: 'low' });
  const early = await call('POST', `/api/screening/parties/${clean.id}/decision`, reviewer, {
    ...decision,
    decision: 'approved',
  });
  expect(early.statusCode).toBe(409);
  expect(
    (
      await call('POST', `/api/screening/alerts/${alerts[0]!.id}/acknowledge`, analyst, {
        note: 'Different company, checked registry',
      })
    ).statusCode,
  ).toBe(204);
  expect(
    (await call('POST', `/api/screening/parties/${clean.id}/decision`, reviewer, { ...decision, decision: 'approved' }))
      .statusCode,
  ).toBe(201);

  const record = json<{
    status: string;
    screenings: unknown[];
    decisions: unknown[];
    questionnaires: unknown[];
    next_review_at: string;
  }>(await call('GET', `/api/screening/parties/${id}`, auditor));
  expect(record).toMatchObject({ status: 'rejected' });
  expect(record.screenings.length).toBeGreaterThanOrEqual(2);
  expect(record.decisions).toHaveLength(1);
  expect(new Date(record.next_review_at).getTime()).toBeGreaterThan(Date.now());

  const audit = await listAuditEntries(t.runtime.ctx.db, { limit: 200, objectId: id });
  expect(audit.map((a) => a.action)).toEqual(
    expect.arrayContaining([
      'screening_party.created',
      'screening_party.questionnaire_answered',
      'screening_party.decided',
      'screening_party.viewed',
    ]),
  );
  expect((await listAuditEntries(t.runtime.ctx.db, { limit: 10, action: 'screening_alert.raised' })).length).toBe(1);
});

it('four eyes: an admin who recorded a party cannot decide on it', async () => {
  const admin = await tokenFor(t, 'admin');
  const { id } = json<{ id: string }>(
    await call('POST', '/api/screening/parties', admin, { name: 'Zeta Corp', kind: 'partner' }),
  );
  await call('PUT', `/api/screening/parties/${id}/questionnaire`, analyst, {
    intended_end_use: 'Cloud hosting',
    end_users: 'Company staff',
    country_risk: 'low',
    product_capability: 'general',
    red_flags: [],
  });
  const r = await call('POST', `/api/screening/parties/${id}/decision`, admin, {
    decision: 'approved',
    reasons: 'Nothing found on any list',
  });
  expect(r.statusCode).toBe(403);
  expect(json<{ detail: string }>(r).detail).toMatch(/four eyes/);
});

it('the change log keeps the last 100 versions and says from where it is complete', async () => {
  const db = screeningDb(t.runtime.ctx.db);
  const id = '00000000-0000-4000-8000-00000000c0de';
  await recordEntryChanges(db, 40, [id, id]);
  await recordEntryChanges(db, 150, [id]);
  const versions = await db
    .selectFrom('screening_entry_changes')
    .select('version')
    .where('entry_id', '=', id)
    .execute();
  expect(versions.map((v) => v.version)).toEqual([150]);
  expect((await entriesState(db)).changesFrom).toBe(50);
});
