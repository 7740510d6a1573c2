import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { childEnv, repoRoot } from '../support/cli.ts';
import { startSmtpServer, startWebhookReceiver } from '../support/mail-and-hooks.ts';
import { createSharedTestDatabase } from '../support/runtime.ts';

const SECRET = 'a-shared-secret-of-at-least-32-characters';
const fixture = resolve(repoRoot, 'test/fixtures/notify-worker.ts');
let shared: Awaited<ReturnType<typeof createSharedTestDatabase>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  shared = await createSharedTestDatabase();
  smtp = await startSmtpServer({ hangFirst: true });
  hooks = await startWebhookReceiver(SECRET);
}, 60_000);
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await smtp?.close();
  await hooks?.close();
  await shared?.drop();
});

function start(mode: 'setup' | 'work') {
  const env = childEnv(shared.config, shared.childDatabaseUrl, {
    ACCORD_SMTP_URL: smtp.url,
    ACCORD_NOTIFY_WEBHOOK_URL: hooks.url,
    ACCORD_NOTIFY_WEBHOOK_SECRET: SECRET,
    ACCORD_OUTBOUND_ALLOW_PRIVATE: 'true',
    ACCORD_NOTIFY_SEND_TIMEOUT_SECONDS: '3',
    ACCORD_NOTIFY_RETRY_SECONDS: '2',
  });
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, mode, shared.jobSchema], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  children.push(child);
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

async function waitFor(what: string, check: () => boolean, stderr: () => string, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the worker said: ${stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

it('a worker killed while sending: the notice is sent once by the next worker, on each channel', async () => {
  const setup = start('setup');
  expect(await setup.exited).toBe(0);
  const noticeId = setup.stdout().trim();

  const first = start('work');
  await waitFor('the e-mail to be under way', () => smtp.started() === 1, first.stderr);
  await waitFor('the webhook', () => hooks.received.length === 1, first.stderr);
  first.child.kill('SIGKILL');
  await first.exited;
  expect(smtp.received).toHaveLength(0);

  const second = start('work');
  await waitFor(
    'the e-mail to be sent again',
    () => smtp.received.length === 1,
    () => second.stdout() + second.stderr(),
  );
  // Give a duplicate every chance to show up before looking.
  await new Promise((r) => setTimeout(r, 4_000));
  second.child.kill('SIGTERM');
  await second.exited;

  expect(smtp.received.map((m) => m.to)).toEqual([['amira@example.org']]);
  expect(hooks.received).toHaveLength(1);
  const rows = await shared.withDb(async ({ rawSql }) => {
    const notices = await rawSql('select state from notify_notices where id = $1', [noticeId]);
    const deliveries = await rawSql('select channel, status, attempts from notify_deliveries order by channel', []);
    return { notice: notices.rows[0], deliveries: deliveries.rows };
  });
  expect(rows.notice).toEqual({ state: 'delivered' });
  // At least the killed attempt and the one that went through (a slow machine may time out one more).
  expect((rows.deliveries[0] as { attempts: number }).attempts).toBeGreaterThanOrEqual(2);
  // The webhook may have been sent again if the kill came between its answer and its record: the receiver showed
  // it once (same Idempotency-Key), which is what the key is for.
  expect(rows.deliveries).toEqual([
    { channel: 'email', status: 'sent', attempts: expect.any(Number) },
    { channel: 'webhook', status: 'sent', attempts: expect.any(Number) },
  ]);
}, 120_000);
