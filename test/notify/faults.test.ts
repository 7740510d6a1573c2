import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit/index.ts';
import { jobSchemaFor } from '../../src/core/jobs/job-schema.ts';
import type { CoreContext } from '../../src/core/context.ts';
import { listCases, transitionCase } from '../../src/cases/service.ts';
import { requestNotice, setPolicy } from '../../src/notify/service.ts';
import { childEnv, repoRoot } from '../support/cli.ts';
import { startSmtpServer, startWebhookReceiver } from '../support/mail-and-hooks.ts';
import { targetedPeople } from '../support/targeting.ts';
import { createSharedTestDatabase, createTestRuntime, type TestRuntime } from '../support/runtime.ts';

// Fault tests of notice delivery with a real SMTP server and a real webhook receiver: retries at the scheduled
// back-off without a pile of queued work, a receiver slower than the lease, one slow channel beside a quick one,
// and SIGTERM while sends are under way.
const SECRET = 'a-shared-secret-of-at-least-32-characters';
const actor = systemActor('test');
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

/** A confirmed case and an approved notice (automatic policy) for each of `people`. */
async function noticesFor(ctx: CoreContext, people: string[]): Promise<string[]> {
  await targetedPeople(ctx, 'Predator', 'c2.predator.example', people);
  await setPolicy(ctx, actor, '*', { mode: 'auto', min_confidence: 0, approvals_required: 1 });
  const ids: string[] = [];
  for (const c of await listCases(ctx, { limit: 100, state: 'new' })) {
    for (const state of ['triage', 'confirmed'] as const) await transitionCase(ctx, actor, c.id, state);
    ids.push((await requestNotice(ctx, actor, c.id)).notice.id);
  }
  return ids;
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function runtimeWith(env: Record<string, string>): Promise<TestRuntime> {
  const t = await createTestRuntime({ work: true }, { ACCORD_OUTBOUND_ALLOW_PRIVATE: 'true', ...env });
  cleanups.push(() => t.close());
  return t;
}

const rows = async (t: TestRuntime) =>
  (await t.database.rawSql('select channel, status, attempts from notify_deliveries order by channel', [])).rows as {
    channel: string;
    status: string;
    attempts: number;
  }[];

it('receivers failing n times: each retry comes at its back-off, once, and nothing piles up', async () => {
  const smtp = await startSmtpServer({ deferFirst: 3 });
  const hooks = await startWebhookReceiver(SECRET);
  cleanups.push(smtp.close, hooks.close);
  hooks.failNextRequests(3);
  const t = await runtimeWith({
    ACCORD_SMTP_URL: smtp.url,
    ACCORD_NOTIFY_WEBHOOK_URL: hooks.url,
    ACCORD_NOTIFY_WEBHOOK_SECRET: SECRET,
    ACCORD_NOTIFY_RETRY_SECONDS: '1',
  });
  await noticesFor(t.ctx, ['amira@example.org']);
  await until('both deliveries', async () => (await rows(t)).every((r) => r.status === 'sent'));

  // Waits of about 1 s, 3 s, 9 s (+-20 %) between the four attempts, on each channel; a poll adds up to 1 s.
  const gaps = (times: number[]) => times.slice(1).map((at, i) => (at - times[i]!) / 1000);
  for (const g of [gaps(smtp.attempts), gaps(hooks.requests.map((r) => r.at))]) {
    expect(g).toHaveLength(3);
    g.forEach((seconds, i) => {
      expect(seconds).toBeGreaterThanOrEqual(0.8 * 3 ** i - 0.1);
      expect(seconds).toBeLessThan(1.2 * 3 ** i + 2);
    });
  }
  expect(smtp.received).toHaveLength(1);
  expect(hooks.received).toHaveLength(1);
  expect(await rows(t)).toEqual([
    { channel: 'email', status: 'sent', attempts: 4 },
    { channel: 'webhook', status: 'sent', attempts: 4 },
  ]);
  // No job per attempt: the rows are the queue, and there is nothing else queued for them.
  const schema = await jobSchemaFor(t.ctx.db);
  const jobs = await t.database.rawSql(`select count(*)::int as n from ${schema}.job where name like 'notify.%'`, []);
  expect(jobs.rows[0]).toEqual({ n: 0 });
}, 120_000);

it('a webhook receiver slower than the lease gets no parallel posts, and e-mail is not held up', async () => {
  const smtp = await startSmtpServer();
  // Answers after 6 s: the attempt's limit (2 s) ends each post well inside its lease (14 s).
  const hooks = await startWebhookReceiver(SECRET, { delayMs: 6_000 });
  cleanups.push(smtp.close, hooks.close);
  const t = await runtimeWith({
    ACCORD_SMTP_URL: smtp.url,
    ACCORD_NOTIFY_WEBHOOK_URL: hooks.url,
    ACCORD_NOTIFY_WEBHOOK_SECRET: SECRET,
    ACCORD_NOTIFY_SEND_TIMEOUT_SECONDS: '2',
    ACCORD_NOTIFY_RETRY_SECONDS: '1',
    ACCORD_NOTIFY_CONCURRENCY: '2',
  });
  const people = Array.from({ length: 6 }, (_, i) => `person${i}@example.org`);
  const started = Date.now();
  await noticesFor(t.ctx, people);
  // Six e-mails through two slots while every webhook slot is stuck on the slow receiver.
  await until('every e-mail', () => smtp.received.length === people.length, 20_000);
  expect(Date.now() - started).toBeLessThan(20_000);
  await new Promise((r) => setTimeout(r, 5_000));
  expect(hooks.maxOpenPerKey()).toBe(1);
  // The receiver becomes quick: every notice is shown once, whatever the timed-out posts did.
  hooks.answerAfter(0);
  await until('every webhook', async () => (await rows(t)).every((r) => r.status === 'sent'), 60_000);
  expect(new Set(hooks.received.map((h) => h.idempotencyKey)).size).toBe(people.length);
  expect(hooks.received).toHaveLength(people.length);
  expect(smtp.received).toHaveLength(people.length);
  expect(hooks.maxOpenPerKey()).toBe(1);
}, 120_000);

it('SIGTERM during long sends: exit 0, leases given back, delivered later exactly once', async () => {
  const shared = await createSharedTestDatabase();
  cleanups.push(() => shared.drop());
  // The first message is never answered; the webhook answers after 20 s: both outlast the 1 s shutdown grace.
  const smtp = await startSmtpServer({ hangFirst: true });
  const hooks = await startWebhookReceiver(SECRET, { delayMs: 20_000 });
  cleanups.push(smtp.close, hooks.close);
  const fixture = resolve(repoRoot, 'test/fixtures/notify-worker.ts');
  const start = (mode: 'setup' | 'work') => {
    const env = childEnv(shared.config, shared.childDatabaseUrl, {
      ACCORD_SMTP_URL: smtp.url,
      ACCORD_NOTIFY_WEBHOOK_URL: hooks.url,
      ACCORD_NOTIFY_WEBHOOK_SECRET: SECRET,
      ACCORD_OUTBOUND_ALLOW_PRIVATE: 'true',
      ACCORD_NOTIFY_SEND_TIMEOUT_SECONDS: '30',
      ACCORD_SHUTDOWN_TIMEOUT_SECONDS: '1',
    });
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, mode, shared.jobSchema], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    cleanups.push(async () => child.kill('SIGKILL'));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    return { child, exited, output: () => output };
  };
  const setup = start('setup');
  expect(await setup.exited).toBe(0);

  const first = start('work');
  await until('both sends to be under way', () => smtp.started() === 1 && hooks.requests.length === 1);
  first.child.kill('SIGTERM');
  expect(await first.exited).toBe(0);
  expect(first.output()).not.toMatch(/Cannot use a pool/);
  const after = await shared.withDb(async ({ rawSql }) => {
    const r = await rawSql('select channel, status, attempts, attempt_id from notify_deliveries order by channel', []);
    return r.rows;
  });
  // Back to queued, the interrupted attempt not counted, no lease held.
  expect(after).toEqual([
    { channel: 'email', status: 'queued', attempts: 0, attempt_id: null },
    { channel: 'webhook', status: 'queued', attempts: 0, attempt_id: null },
  ]);

  hooks.answerAfter(0);
  const second = start('work');
  await until('the e-mail and the webhook', () => smtp.received.length === 1 && hooks.received.length === 1);
  await new Promise((r) => setTimeout(r, 3_000));
  second.child.kill('SIGTERM');
  expect(await second.exited).toBe(0);
  expect(smtp.received).toHaveLength(1);
  // The receiver saw the interrupted post too (its answer never came back) and shows the notice once, by its key.
  expect(hooks.received).toHaveLength(1);
  const final = await shared.withDb(
    async ({ rawSql }) => (await rawSql('select status from notify_deliveries order by channel', [])).rows,
  );
  expect(final).toEqual([{ status: 'sent' }, { status: 'sent' }]);
}, 120_000);
