import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries, systemActor } from '../../src/core/audit/index.ts';
import { syncCases } from '../../src/cases/service.ts';
import { ingestBatch } from '../../src/detect/ingest.ts';
import { importObjects } from '../../src/intel/service.ts';
import { createTestApp, tokenFor, type TestApp } from '../support/app.ts';
import { indicator, relationship, sdo } from '../intel/fixtures.ts';

let t: TestApp;
let analyst: { authorization: string };
const predator = sdo('malware', 'Predator (test)');
const c2 = indicator('c2.predator.example');
const lure = indicator('lure.predator.example');
const other = sdo('malware', 'Other (test)');
const otherC2 = indicator('c2.other.example');

const batch = (key: string, ...lines: object[]) =>
  ingestBatch(t.runtime.ctx, Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n')), key, 'http');
const get = (url: string, headers = analyst) => t.app.inject({ method: 'GET', url, headers });
const post = (url: string, payload: object, headers = analyst) =>
  t.app.inject({ method: 'POST', url, payload, headers });

beforeAll(async () => {
  t = await createTestApp();
  await importObjects(
    t.runtime.ctx,
    systemActor('test'),
    [
      predator,
      c2,
      lure,
      other,
      otherC2,
      relationship('indicates', c2.id, predator.id),
      relationship('indicates', lure.id, predator.id),
      relationship('indicates', otherC2.id, other.id),
    ],
    'test',
  );
  analyst = await tokenFor(t, 'analyst');
  await batch(
    'b1',
    { ts: 1_761_991_200, user: 'amira@example.org', query: 'c2.predator.example' },
    { ts: 1_761_991_260, user: 'amira@example.org', query: 'x.lure.predator.example' },
    { ts: 1_761_991_300, user: 'omar@example.org', query: 'c2.predator.example' },
    { ts: 1_761_991_400, user: 'amira@example.org', query: 'c2.other.example' },
    { ts: 1_761_991_500, query: 'c2.predator.example' },
  );
}, 60_000);
afterAll(() => t?.close());

describe('cases from detections', () => {
  it('groups detections per person and actor; syncing again adds nothing', async () => {
    expect(await syncCases(t.runtime.ctx)).toEqual({ detections: 5, newCases: 3 });
    expect(await syncCases(t.runtime.ctx)).toEqual({ detections: 0, newCases: 0 });
    const res = await get('/api/cases');
    expect(res.statusCode).toBe(200);
    const { cases } = res.json<{ cases: { actor: string; subject_ref: string }[] }>();
    expect(cases.map((c) => c.actor).sort()).toEqual(['Other (test)', 'Predator (test)', 'Predator (test)']);
    expect(res.body).not.toContain('example.org');
  });

  it('a folded detection updates its case; a person hit again after their case closed gets a new case', async () => {
    await batch('b2', { ts: 1_761_991_900, user: 'omar@example.org', query: 'c2.predator.example' });
    expect(await syncCases(t.runtime.ctx)).toMatchObject({ newCases: 0 });
    const list = async () =>
      (await get('/api/cases?actor=predator%20(test)')).json<{
        cases: { id: string; last_seen: string; state: string }[];
      }>().cases;
    const [omar] = await list();
    expect(omar!.last_seen).toBe(new Date(1_761_991_900_000).toISOString());
    for (const state of ['triage', 'confirmed', 'notified', 'closed']) {
      expect((await post(`/api/cases/${omar!.id}/transition`, { state })).statusCode).toBe(200);
    }
    await batch('b3', { ts: 1_761_999_000, user: 'omar@example.org', query: 'lure.predator.example' });
    expect(await syncCases(t.runtime.ctx)).toMatchObject({ newCases: 1 });
    const after = await list();
    expect(after.map((c) => c.state).sort()).toEqual(['closed', 'new', 'new']);
  });

  it('shows a case with its timeline, audits the view, and reveals the person only through a POST with a reason', async () => {
    const { cases } = (await get('/api/cases?actor=Predator%20(test)')).json<{ cases: { id: string }[] }>();
    const target = cases[2]!.id;
    const view = await get(`/api/cases/${target}`);
    expect(view.statusCode).toBe(200);
    expect(view.json<{ timeline: unknown[] }>().timeline).toHaveLength(2);
    expect(view.json<{ subject?: string }>().subject).toBeUndefined();
    const reason = 'checking the account before the notice goes out';
    const revealed = await post(`/api/cases/${target}/reveal`, { reason });
    expect(revealed.statusCode).toBe(200);
    expect(revealed.json<{ subject: string }>().subject).toMatch(/@example\.org$/);
    const viewed = await listAuditEntries(t.runtime.ctx.db, { limit: 10, action: 'case.viewed' });
    expect(viewed.filter((e) => e.object_id === target)).toHaveLength(1);
    const subjectRevealed = await listAuditEntries(t.runtime.ctx.db, { limit: 10, action: 'case.subject_revealed' });
    expect(subjectRevealed[0]).toMatchObject({ object_id: target, details: { reason } });
    expect(JSON.stringify(await listAuditEntries(t.runtime.ctx.db, { limit: 100 }))).not.toContain('example.org');
  });
});

describe('working a case', () => {
  let id: string;
  beforeAll(async () => {
    const { cases } = (await get('/api/cases?actor=Other%20(test)')).json<{ cases: { id: string }[] }>();
    id = cases[0]!.id;
  });

  it('checks every transition: skipping steps is a 409 problem saying what is possible', async () => {
    const skip = await post(`/api/cases/${id}/transition`, { state: 'notified' });
    expect(skip.statusCode).toBe(409);
    expect(skip.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(skip.json()).toMatchObject({ detail: expect.stringMatching(/can become triage or dismissed/) });
    expect((await post(`/api/cases/${id}/transition`, { state: 'triage' })).json()).toMatchObject({ state: 'triage' });
    const noReason = await post(`/api/cases/${id}/transition`, { state: 'dismissed' });
    expect(noReason.statusCode).toBe(409);
    const dismissed = await post(`/api/cases/${id}/transition`, { state: 'dismissed', reason: 'a test account' });
    expect(dismissed.json()).toMatchObject({ state: 'dismissed', state_reason: 'a test account' });
    const audit = await listAuditEntries(t.runtime.ctx.db, { limit: 10, action: 'case.transitioned' });
    expect(audit[0]).toMatchObject({ object_id: id, details: { from: 'triage', to: 'dismissed' } });
  });

  it('keeps notes sealed at rest and shows them in the case', async () => {
    const added = await post(`/api/cases/${id}/notes`, {
      kind: 'evidence',
      body: 'Amira forwarded the SMS from +00 555 0100',
    });
    expect(added.statusCode).toBe(201);
    const raw = await sql<{ body_enc: string }>`select body_enc from cases_notes`.execute(t.runtime.ctx.db);
    expect(raw.rows[0]!.body_enc).not.toContain('Amira');
    const view = (await get(`/api/cases/${id}`)).json<{ notes: { body: string; kind: string }[] }>();
    expect(view.notes).toEqual([expect.objectContaining({ kind: 'evidence', body: expect.stringContaining('SMS') })]);
  });

  it('assigns, and answers unknown cases and bad input with problems', async () => {
    const assign = await post(`/api/cases/${id}/assign`, { assignee: '00000000-0000-4000-8000-000000000001' });
    expect(assign.json()).toMatchObject({ assignee_id: '00000000-0000-4000-8000-000000000001' });
    expect((await get('/api/cases/00000000-0000-4000-8000-0000000000ff')).statusCode).toBe(404);
    expect((await get('/api/cases/not-a-uuid')).statusCode).toBe(400);
    expect((await post(`/api/cases/${id}/transition`, { state: 'bogus' })).statusCode).toBe(400);
  });

  it('takes a coarse country and sector, checked and audited', async () => {
    const patch = (payload: object) =>
      t.app.inject({ method: 'PATCH', url: `/api/cases/${id}`, payload, headers: analyst });
    expect((await patch({ country: 'fr', sector: 'civil-society' })).json()).toMatchObject({
      country: 'FR',
      sector: 'civil-society',
    });
    expect((await patch({ country: 'France' })).statusCode).toBe(400);
    expect((await patch({ sector: 'spies' })).statusCode).toBe(400);
    expect((await patch({ country: null })).json()).toMatchObject({ country: null, sector: 'civil-society' });
    const audit = await listAuditEntries(t.runtime.ctx.db, { limit: 5, action: 'case.context_set' });
    expect(audit).toHaveLength(2);
  });

  it('denies what a role may not do', async () => {
    const peer = await tokenFor(t, 'peer');
    expect((await get('/api/cases', peer)).statusCode).toBe(403);
    const auditor = await tokenFor(t, 'auditor');
    expect((await get('/api/cases', auditor)).statusCode).toBe(200);
    expect((await post(`/api/cases/${id}/transition`, { state: 'triage' }, auditor)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/cases' })).statusCode).toBe(401);
  });

  it("splits detections out into a new case, and merges one person's cases back", async () => {
    const { cases } = (await get('/api/cases?actor=Predator%20(test)')).json<{
      cases: { id: string; state: string }[];
    }>();
    const amira = cases.find((c) => c.state === 'new' && c.id !== cases[0]!.id) ?? cases[2]!;
    const { timeline } = (await get(`/api/cases/${amira.id}`)).json<{ timeline: { detection_id: string }[] }>();
    expect(timeline).toHaveLength(2);
    const split = await post(`/api/cases/${amira.id}/split`, { detections: [timeline[1]!.detection_id] });
    expect(split.statusCode).toBe(201);
    const part = split.json<{ id: string; state: string }>();
    expect(part.state).toBe('triage');
    expect((await get(`/api/cases/${amira.id}`)).json<{ timeline: unknown[] }>().timeline).toHaveLength(1);
    const all = await post(`/api/cases/${part.id}/split`, { detections: [timeline[1]!.detection_id] });
    expect(all.statusCode).toBe(400);
    const otherPerson = cases[0]!.id;
    const refused = await post(`/api/cases/${amira.id}/merge`, { from: [otherPerson] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ detail: expect.stringMatching(/another person/) });
    const merged = await post(`/api/cases/${amira.id}/merge`, { from: [part.id] });
    expect(merged.statusCode).toBe(200);
    expect((await get(`/api/cases/${amira.id}`)).json<{ timeline: unknown[] }>().timeline).toHaveLength(2);
    expect((await post(`/api/cases/${part.id}/transition`, { state: 'confirmed' })).statusCode).toBe(409);
    const audit = await listAuditEntries(t.runtime.ctx.db, { limit: 5, action: 'case.merged' });
    expect(audit[0]).toMatchObject({ object_id: amira.id, details: { from: [part.id] } });
  });

  it('concurrent syncs (several processes) open one case per person, never twins', async () => {
    await batch(
      'b4',
      { ts: 1_762_000_000, user: 'sara@example.org', query: 'c2.predator.example' },
      { ts: 1_762_000_100, user: 'sara@example.org', query: 'lure.predator.example' },
    );
    const results = await Promise.all([1, 2, 3].map(() => syncCases(t.runtime.ctx, 1)));
    expect(results.reduce((n, r) => n + r.newCases, 0)).toBe(1);
    expect(results.reduce((n, r) => n + r.detections, 0)).toBe(2);
  });
});
