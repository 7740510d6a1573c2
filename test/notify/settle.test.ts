import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { settle } from '../../src/notify/deliver/attempt.ts';
import { claimAttempt } from '../../src/notify/store/delivery-store.ts';
import { getDelivery, insertDeliveries, insertNotice } from '../../src/notify/store/notify-store.ts';
import { notifyDb } from '../../src/notify/store/tables.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';

let t: TestRuntime;
beforeAll(async () => {
  t = await createTestRuntime();
}, 60_000);
afterAll(() => t?.close());

/** An approved notice with one e-mail delivery, as the approving transaction writes them. */
async function delivery() {
  const db = notifyDb(t.ctx.db);
  const noticeId = randomUUID();
  await insertNotice(db, {
    id: noticeId,
    case_id: randomUUID(),
    subject_index: randomUUID(),
    campaign: 'Test',
    country: null,
    language: 'en',
    state: 'approved',
    requested_by: 'test',
    approvals: '[]',
    approvals_required: 0,
    first_detected_at: new Date(),
    delivered_at: null,
  });
  const id = randomUUID();
  await insertDeliveries(db, noticeId, [{ id, channel: 'email' }]);
  return id;
}

const claim = (id: string, attempts: number) => claimAttempt(notifyDb(t.ctx.db), id, randomUUID(), attempts);
const row = async (id: string) => (await getDelivery(notifyDb(t.ctx.db), id))!;

it('a late failure of an attempt that lost its lease never undoes the success of the attempt that took over', async () => {
  const id = await delivery();
  const first = (await claim(id, 1))!;
  const second = (await claim(id, 2))!; // the first attempt's lease ran out; another worker took the delivery
  expect(await settle(t.ctx, second, 'sent')).toBe(true);
  expect(await settle(t.ctx, first, 'queued', 'timed out')).toBe(false);
  expect(await settle(t.ctx, first, 'dead', 'refused')).toBe(false);
  expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2, last_error: null, attempt_id: null });
});

it('a failure is recorded only by the attempt holding the lease; a success from any attempt is kept', async () => {
  const id = await delivery();
  const first = (await claim(id, 1))!;
  const second = (await claim(id, 2))!;
  expect(await settle(t.ctx, first, 'queued', 'late')).toBe(false);
  expect(await row(id)).toMatchObject({ status: 'sending', attempt_id: second.attempt_id });
  // The first attempt's message got through after all: that is what happened, whoever holds the lease.
  expect(await settle(t.ctx, first, 'sent')).toBe(true);
  expect(await settle(t.ctx, second, 'queued', 'timed out')).toBe(false);
  expect(await settle(t.ctx, second, 'sent')).toBe(false);
  expect(await row(id)).toMatchObject({ status: 'sent' });
});

it('a sent delivery never changes again', async () => {
  const id = await delivery();
  const first = (await claim(id, 1))!;
  expect(await settle(t.ctx, first, 'sent')).toBe(true);
  const sentAt = (await row(id)).sent_at;
  expect(await settle(t.ctx, first, 'queued', 'late')).toBe(false);
  expect(await settle(t.ctx, first, 'sent')).toBe(false);
  expect(await row(id)).toMatchObject({ status: 'sent', sent_at: sentAt });
});
