/**
 * Revealing whom a case concerns is its own permission (`cases:reveal`), a POST with a stated reason in the body,
 * audited with that reason; the view never carries the person, whatever the query string says. Over HTTP, real DB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries, systemActor } from '../../src/core/audit/index.ts';
import { syncCases } from '../../src/cases/service.ts';
import { ingestBatch } from '../../src/detect/ingest.ts';
import { importObjects } from '../../src/intel/service.ts';
import { createTestApp, tokenFor, type TestApp } from '../support/app.ts';
import { indicator, relationship, sdo } from '../intel/fixtures.ts';

let t: TestApp;
let analyst: { authorization: string };
let auditor: { authorization: string };
let reviewer: { authorization: string };
let id: string;
const PERSON = 'nadia.h@example.org';
const REASON = 'confirming the address before the notice is sent';

const call = (method: 'GET' | 'POST', url: string, headers: { authorization: string }, payload?: unknown) =>
  t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const reveals = async () =>
  (await listAuditEntries(t.runtime.ctx.db, { limit: 50, action: 'case.subject_revealed' })).filter(
    (e) => e.object_id === id,
  );

beforeAll(async () => {
  t = await createTestApp();
  const malware = sdo('malware', 'Hermit (test)');
  const c2 = indicator('c2.hermit.example');
  await importObjects(
    t.runtime.ctx,
    systemActor('test'),
    [malware, c2, relationship('indicates', c2.id, malware.id)],
    'test',
  );
  await ingestBatch(
    t.runtime.ctx,
    Buffer.from(JSON.stringify({ ts: 1_761_991_200, user: PERSON, query: 'c2.hermit.example' })),
    'reveal-1',
    'http',
  );
  await syncCases(t.runtime.ctx);
  [analyst, auditor, reviewer] = await Promise.all([
    tokenFor(t, 'analyst'),
    tokenFor(t, 'auditor'),
    tokenFor(t, 'legal_reviewer'),
  ]);
  const list = await call('GET', '/api/cases', analyst);
  id = list.json<{ cases: { id: string }[] }>().cases[0]!.id;
}, 60_000);
afterAll(() => t?.close());

describe('who may reveal whom a case concerns', () => {
  it('the old `?reveal=true` view is refused and reveals nothing', async () => {
    const old = await call('GET', `/api/cases/${id}?reveal=true`, analyst);
    expect(old.statusCode).toBe(400);
    expect(old.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(old.body).not.toContain(PERSON);
    const view = await call('GET', `/api/cases/${id}`, analyst);
    expect(view.statusCode).toBe(200);
    expect(view.body).not.toContain(PERSON);
  });

  it('an auditor or a legal reviewer can read the case but not reveal the person', async () => {
    for (const who of [auditor, reviewer]) {
      expect((await call('GET', `/api/cases/${id}`, who)).statusCode).toBe(200);
      const r = await call('POST', `/api/cases/${id}/reveal`, who, { reason: REASON });
      expect(r.statusCode).toBe(403);
      expect(r.body).not.toContain(PERSON);
    }
    expect(await reveals()).toHaveLength(0);
  });

  it('no reason, a short or blank one, extra fields or a reason in the query string: 400, nothing revealed', async () => {
    for (const body of [
      {},
      { reason: 'because' },
      { reason: '            ' },
      { reason: REASON, extra: 1 },
      undefined,
    ]) {
      const r = await call('POST', `/api/cases/${id}/reveal`, analyst, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.body).not.toContain(PERSON);
    }
    const q = await call('POST', `/api/cases/${id}/reveal?reason=${encodeURIComponent(REASON)}`, analyst, {
      reason: REASON,
    });
    expect(q.statusCode).toBe(400);
    expect(await reveals()).toHaveLength(0);
  });

  it('an unknown case is a 404 problem', async () => {
    const r = await call('POST', '/api/cases/00000000-0000-4000-8000-000000000000/reveal', analyst, { reason: REASON });
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('an analyst with a reason reveals, audited with the reason and without the person', async () => {
    const r = await call('POST', `/api/cases/${id}/reveal`, analyst, { reason: REASON });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ id, subject: PERSON });
    const entries = await reveals();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.details).toMatchObject({ reason: REASON });
    expect(JSON.stringify(entries)).not.toContain(PERSON);
  });
});
