import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemActor } from '../../src/core/audit/index.ts';
import { listSubscriptions, pullSubscription, subscribe } from '../../src/share/service.ts';
import { pullJob, queueDuePulls } from '../../src/share/client/pull-job.ts';
import { dueSubscriptions } from '../../src/share/client/subscriptions.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { startTaxiiPeer } from '../support/taxii-peer.ts';
import { indicator } from '../intel/fixtures.ts';

const actor = systemActor('test');
let local: TestRuntime;
const peers: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  // Workers run: the last test sends the pull through the real job queue.
  local = await createTestRuntime({ work: true }, { ACCORD_OUTBOUND_ALLOW_PRIVATE: 'true' });
});
afterAll(async () => {
  await Promise.all(peers.map((p) => p.close()));
  await local?.close();
});

async function peerWith(objects: Array<Record<string, unknown>>, pageSize: number) {
  const peer = await startTaxiiPeer(objects, pageSize);
  peers.push(peer);
  return peer;
}
const state = async (name: string) => (await listSubscriptions(local.ctx)).find((s) => s.name === name)!;
const indicators = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => indicator(`${prefix}-${i}.example`));

describe('pulling a remote collection', () => {
  it('a pull interrupted on page 3 resumes at page 3: no gap, no duplicate, exact counts, refusals kept', async () => {
    const objects: Array<Record<string, unknown>> = indicators('resume', 10);
    const invalid = { type: 'indicator', spec_version: '2.1', id: 'indicator--not-a-uuid', modified: 'x' };
    objects.splice(7, 0, invalid); // on page 4 of 2-object pages
    const peer = await peerWith(objects, 2);
    const { id } = await subscribe(local.ctx, actor, { name: 'resume', url: peer.url });
    peer.failRequests(3);

    await expect(pullSubscription(local.ctx, id)).rejects.toThrow(/HTTP 500/);
    expect(await state('resume')).toMatchObject({ objects_received: 4, backlog: true, last_error: /HTTP 500/ });

    const second = await pullSubscription(local.ctx, id);
    expect(second).toMatchObject({ pages: 4, received: 7, inserted: 6, rejected: 1, caughtUp: true });
    // The first request of the second pull asks for page 3 again (the failed one), with the same filters.
    const failed = peer.requests[2]!;
    expect(failed.get('next')).toBeTruthy();
    expect(peer.requests[3]!.toString()).toBe(failed.toString());
    expect(peer.requests).toHaveLength(3 + 4);
    expect(await state('resume')).toMatchObject({
      objects_received: 11,
      objects_refused: 1,
      last_refusals: [{ id: invalid.id, version: 'x', reason: expect.any(String) }],
      added_after: peer.dateAdded(10),
      backlog: false,
      last_error: null,
    });

    const third = await pullSubscription(local.ctx, id);
    expect(third).toMatchObject({ pages: 1, received: 0, caughtUp: true });
    expect(peer.requests.at(-1)!.get('added_after')).toBe(peer.dateAdded(10));
    expect(peer.requests.at(-1)!.get('next')).toBeNull();
  });

  it('a backlog longer than one pull converges over successive pulls, and the scheduler finds it due at once', async () => {
    const peer = await peerWith(indicators('backlog', 7), 1);
    const { id } = await subscribe(local.ctx, actor, { name: 'backlog', url: peer.url, interval_seconds: 86_400 });
    const pulls = [];
    for (let i = 0; i < 3; i++) {
      pulls.push(await pullSubscription(local.ctx, id, { maxPages: 3 }));
      // Stopped mid-backlog, it is due again at once, its daily interval notwithstanding.
      if (i === 0) expect(await dueSubscriptions(local.ctx)).toContain(id);
    }
    expect(pulls.map((p) => [p.received, p.inserted, p.caughtUp])).toEqual([
      [3, 3, false],
      [3, 3, false],
      [1, 1, true],
    ]);
    const tokens = peer.requests.map((r) => r.get('next')).filter(Boolean);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(await state('backlog')).toMatchObject({ objects_received: 7, added_after: peer.dateAdded(6) });
    expect(await dueSubscriptions(local.ctx)).not.toContain(id);
  });

  it('a next the remote forgot reopens the window just before the last date stored: nothing skipped', async () => {
    const peer = await peerWith(indicators('forgot', 6), 2);
    const { id } = await subscribe(local.ctx, actor, { name: 'forgot', url: peer.url });
    expect(await pullSubscription(local.ctx, id, { maxPages: 1 })).toMatchObject({ received: 2, caughtUp: false });
    peer.forgetTokens();
    const rest = await pullSubscription(local.ctx, id);
    // Refused `next`, then from just before object 2's date: object 2 again (imported once), then 3 to 6.
    expect(peer.requests[2]!.get('added_after')).toBe('2026-02-01T00:00:00.000001Z');
    expect(rest).toMatchObject({ inserted: 4, caughtUp: true });
    expect(await state('forgot')).toMatchObject({ added_after: peer.dateAdded(5), backlog: false, last_error: null });
  });

  it('the durable pull job runs through the real job queue; one per subscription is queued however often asked', async () => {
    const peer = await peerWith(indicators('job', 3), 2);
    const { id } = await subscribe(local.ctx, actor, { name: 'job', url: peer.url });
    // The other subscriptions were pulled just now and are caught up: only this one is due.
    const [jobId, ...others] = await queueDuePulls(local.ctx);
    expect(others).toEqual([]);
    await vi.waitFor(async () => expect((await local.ctx.jobs.getJob('share.pull', jobId!))?.state).toBe('completed'), {
      timeout: 60_000,
      interval: 100,
    });
    expect(await state('job')).toMatchObject({ objects_received: 3, last_error: null, backlog: false });
    expect(await queueDuePulls(local.ctx)).toEqual([]);
    // A job waiting for its turn is not queued twice (a start far off keeps it waiting for this check).
    const later = { singletonKey: 'waiting', startAfter: new Date(Date.now() + 3_600_000) };
    expect(await local.ctx.jobs.send(pullJob(local.ctx), { subscriptionId: id }, later)).toBeTruthy();
    expect(await local.ctx.jobs.send(pullJob(local.ctx), { subscriptionId: id }, later)).toBeNull();
  });
});
