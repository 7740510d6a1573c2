import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit/index.ts';
import { syncCases } from '../../src/cases/service.ts';
import { ingestBatch } from '../../src/detect/ingest.ts';
import { importObjects } from '../../src/intel/service.ts';
import { createTestApp, tokenFor, type TestApp } from '../support/app.ts';
import { indicator, relationship, sdo } from '../intel/fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  // A channel that is never reached: this test stops at approval (no job workers run here).
  t = await createTestApp([], {
    ACCORD_NOTIFY_WEBHOOK_URL: 'http://127.0.0.1:9/never',
    ACCORD_NOTIFY_WEBHOOK_SECRET: 'x'.repeat(32),
  });
  const malware = sdo('malware', 'Predator (test)');
  const c2 = indicator('c2.predator.example');
  await importObjects(
    t.runtime.ctx,
    systemActor('test'),
    [malware, c2, relationship('indicates', c2.id, malware.id)],
    'test',
  );
  await ingestBatch(
    t.runtime.ctx,
    Buffer.from(JSON.stringify({ ts: 1_761_991_200, user: 'amira@example.org', query: 'c2.predator.example' })),
    'b1',
    'http',
  );
  await syncCases(t.runtime.ctx);
}, 60_000);
afterAll(() => t?.close());

it('two-person approval: the requester cannot approve, nobody approves twice, two others send it', async () => {
  const [admin, alice, bob, carol] = await Promise.all(
    (['admin', 'analyst', 'analyst', 'analyst'] as const).map((r) => tokenFor(t, r)),
  );
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, headers: { authorization: string }, payload?: object) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const policy = { mode: 'approval', min_confidence: 0, approvals_required: 2 };
  expect((await call('PUT', '/api/notifications/policies/*', alice!, policy)).statusCode).toBe(403);
  expect((await call('PUT', '/api/notifications/policies/*', admin!, policy)).statusCode).toBe(204);
  const [c] = (await call('GET', '/api/cases', alice!)).json<{ cases: { id: string }[] }>().cases;
  for (const state of ['triage', 'confirmed']) await call('POST', `/api/cases/${c!.id}/transition`, alice!, { state });
  const asked = await call('POST', '/api/notifications', alice!, { case_id: c!.id, language: 'fr' });
  const { notice } = asked.json<{ notice: { id: string; approvals_required: number; state: string } }>();
  expect(notice).toMatchObject({ state: 'pending_approval', approvals_required: 2 });
  const approve = (who: { authorization: string }) => call('POST', `/api/notifications/${notice.id}/approve`, who);
  expect((await approve(alice!)).statusCode).toBe(403);
  expect((await approve(bob!)).json()).toMatchObject({ state: 'pending_approval', approvals: 1 });
  expect((await approve(bob!)).statusCode).toBe(409);
  expect((await approve(carol!)).json()).toMatchObject({ state: 'approved', approvals: 2 });
  expect((await approve(admin!)).statusCode).toBe(409);
  const peer = await tokenFor(t, 'peer');
  expect((await approve(peer)).statusCode).toBe(403);
});

it('with no delivery channel configured an approved notice fails at once, saying why', async () => {
  const bare = await createTestApp();
  try {
    const malware = sdo('malware', 'Other (test)');
    const c2 = indicator('c2.other.example');
    await importObjects(
      bare.runtime.ctx,
      systemActor('test'),
      [malware, c2, relationship('indicates', c2.id, malware.id)],
      'test',
    );
    await ingestBatch(
      bare.runtime.ctx,
      Buffer.from(JSON.stringify({ ts: 1_761_991_200, user: 'omar@example.org', query: 'c2.other.example' })),
      'b1',
      'http',
    );
    await syncCases(bare.runtime.ctx);
    const [alice, bob] = await Promise.all((['analyst', 'analyst'] as const).map((r) => tokenFor(bare, r)));
    const call = (method: 'GET' | 'POST' | 'PUT', url: string, headers: { authorization: string }, payload?: object) =>
      bare.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    const [c] = (await call('GET', '/api/cases', alice!)).json<{ cases: { id: string }[] }>().cases;
    for (const state of ['triage', 'confirmed'])
      await call('POST', `/api/cases/${c!.id}/transition`, alice!, { state });
    const { notice } = (await call('POST', '/api/notifications', alice!, { case_id: c!.id })).json<{
      notice: { id: string };
    }>();
    expect((await call('POST', `/api/notifications/${notice.id}/approve`, bob!)).json()).toMatchObject({
      state: 'failed',
    });
  } finally {
    await bare.close();
  }
});
