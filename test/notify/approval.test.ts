import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, tokenFor, type TestApp } from '../support/app.ts';
import { targetedPeople } from '../support/targeting.ts';

let t: TestApp;
beforeAll(async () => {
  // A channel that is never reached: this test stops at approval (no job workers run here).
  t = await createTestApp([], {
    ACCORD_NOTIFY_WEBHOOK_URL: 'http://127.0.0.1:9/never',
    ACCORD_NOTIFY_WEBHOOK_SECRET: 'x'.repeat(32),
  });
  await targetedPeople(t.runtime.ctx, 'Predator (test)', 'c2.predator.example', ['amira@example.org']);
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
    await targetedPeople(bare.runtime.ctx, 'Other (test)', 'c2.other.example', ['omar@example.org']);
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
