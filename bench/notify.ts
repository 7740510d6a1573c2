// Notice delivery throughput and crash safety: a real SMTP server and a real webhook receiver in this process,
// approved notices created through the service (confirmed cases under an automatic policy), drained by delivery
// workers in separate processes (test/fixtures/notify-worker.ts, which opens the runtime as the server does).
// Phase 1 measures notices/s; phase 2 kills the worker with SIGKILL half-way, starts another and counts duplicates
// and losses by Message-ID (e-mail) and Idempotency-Key (webhook). On PGlite one process at a time holds the
// database, so this process closes it before a worker starts. BENCH_NOTICES sets the burst (default 10,000).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { systemActor } from '../src/core/audit/index.ts';
import { loadConfig } from '../src/core/config/index.ts';
import { openDatabase } from '../src/core/db/open.ts';
import { createLogger } from '../src/core/log/logger.ts';
import { listCases, syncCases, transitionCase } from '../src/cases/service.ts';
import { ingestBatch } from '../src/detect/ingest.ts';
import { importObjects } from '../src/intel/service.ts';
import { requestNotice, setPolicy } from '../src/notify/service.ts';
import { openRuntime } from '../src/runtime.ts';
import { startSmtpServer, startWebhookReceiver } from '../test/support/mail-and-hooks.ts';

const N = Number(process.env.BENCH_NOTICES ?? 10_000);
const SECRET = randomBytes(24).toString('hex');
const actor = systemActor('bench');
const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'accord-bench-notify-'));
const url = process.env.DATABASE_URL;
const schema = `bench_${randomBytes(4).toString('hex')}`;
const jobSchema = url ? `${schema}_jobs` : 'pgboss';

const smtp = await startSmtpServer();
const hooks = await startWebhookReceiver(SECRET);
const env: Record<string, string> = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  ACCORD_DATA_DIR: work,
  ACCORD_MASTER_KEY: randomBytes(32).toString('base64'),
  ACCORD_LOG_LEVEL: 'warn',
  ACCORD_PORT: '0',
  ACCORD_SMTP_URL: smtp.url,
  ACCORD_NOTIFY_WEBHOOK_URL: hooks.url,
  ACCORD_NOTIFY_WEBHOOK_SECRET: SECRET,
  ACCORD_OUTBOUND_ALLOW_PRIVATE: 'true',
  ...(process.env.ACCORD_NOTIFY_CONCURRENCY
    ? { ACCORD_NOTIFY_CONCURRENCY: process.env.ACCORD_NOTIFY_CONCURRENCY }
    : {}),
};
if (url) {
  const child = new URL(url);
  child.searchParams.set('options', `-c search_path=${schema}`);
  env.DATABASE_URL = child.toString();
  const admin = await openDatabase({ databaseUrl: url, dataDir: work });
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  await admin.close();
}

/** Accord's runtime in this process, without workers: to create notices and to count rows. */
async function withRuntime<T>(fn: (r: Awaited<ReturnType<typeof openRuntime>>) => Promise<T>): Promise<T> {
  const config = loadConfig({ ...env, ACCORD_JOBS: 'false', ACCORD_LOG_LEVEL: 'warn' });
  const database = url
    ? await openDatabase({ databaseUrl: url, dataDir: work, searchPath: schema })
    : await openDatabase({ dataDir: work });
  const runtime = await openRuntime(config, { work: false, database, jobSchema, log: createLogger(config) });
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
    await database.close().catch(() => {});
  }
}

const T0 = '2026-01-01T00:00:00.000Z';
const base = { spec_version: '2.1', created: T0, modified: T0 };
const hex = (n: number) => n.toString(16).padStart(12, '0');

/** `count` people resolve a C2 domain, their cases are confirmed, and each gets an approved notice. */
async function burst(phase: number, count: number): Promise<number> {
  return withRuntime(async ({ ctx }) => {
    const domain = `c2.phase${phase}.example`;
    const malware = {
      ...base,
      type: 'malware',
      id: `malware--0b4b4bd5-2b6a-4e44-9a36-${hex(phase * 10 + 1)}`,
      name: `Predator ${phase}`,
      is_family: true,
    };
    const c2 = {
      ...base,
      type: 'indicator',
      id: `indicator--0b4b4bd5-2b6a-4e44-9a36-${hex(phase * 10 + 2)}`,
      pattern: `[domain-name:value = '${domain}']`,
      pattern_type: 'stix',
      valid_from: T0,
    };
    const rel = {
      ...base,
      type: 'relationship',
      id: `relationship--0b4b4bd5-2b6a-4e44-9a36-${hex(phase * 10 + 3)}`,
      relationship_type: 'indicates',
      source_ref: c2.id,
      target_ref: malware.id,
    };
    await importObjects(ctx, actor, [malware, c2, rel], 'bench');
    const events = Array.from({ length: count }, (_, i) =>
      JSON.stringify({ ts: 1_761_991_200 + i, user: `p${phase}-${i}@example.org`, query: domain }),
    );
    await ingestBatch(ctx, Buffer.from(events.join('\n')), `bench-${phase}`, 'http');
    await syncCases(ctx);
    await setPolicy(ctx, actor, '*', { mode: 'auto', min_confidence: 0, approvals_required: 1 });
    let made = 0;
    for (;;) {
      const cases = await listCases(ctx, { limit: 100, state: 'new' });
      if (cases.length === 0) break;
      for (const c of cases) {
        for (const state of ['triage', 'confirmed'] as const) await transitionCase(ctx, actor, c.id, state);
        await requestNotice(ctx, actor, c.id);
        made++;
      }
    }
    return made;
  });
}

function startWorker(): { child: ChildProcess; exited: Promise<number | null> } {
  const fixture = resolve(root, 'test/fixtures/notify-worker.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, 'work', jobSchema], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { child, exited: new Promise((r) => child.on('exit', (code) => r(code))) };
}

const messageId = (raw: string) => /^Message-ID:\s*<([^>]+)>/im.exec(raw)?.[1] ?? '';
const uniqueMail = () => new Set(smtp.received.map((m) => messageId(m.raw))).size;
const uniqueHooks = () => new Set(hooks.requests.filter((r) => r.key).map((r) => r.key)).size;

async function until(check: () => boolean, ms: number) {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return check();
}

/** Every delivery recorded: how many rows per status (the worker must be stopped on PGlite). */
const statuses = () =>
  withRuntime(async ({ ctx }) => {
    const rows = await sql<{
      status: string;
      n: number;
    }>`select status, count(*)::int as n from notify_deliveries group by status`.execute(ctx.db);
    return Object.fromEntries(rows.rows.map((r) => [r.status, r.n])) as Record<string, number>;
  });

// Phase 1: throughput.
const created1 = Date.now();
const made1 = await burst(1, N);
const createSeconds = (Date.now() - created1) / 1000;
const w1 = startWorker();
const t1 = Date.now();
const drained1 = await until(() => uniqueMail() >= made1 && uniqueHooks() >= made1, 30 * 60_000);
const seconds1 = (Date.now() - t1) / 1000;
w1.child.kill('SIGTERM');
await w1.exited;
const rate = made1 / seconds1;

// Phase 2: SIGKILL half-way through a second burst, a fresh worker drains the rest.
const mailBefore = smtp.received.length;
const hooksBefore = hooks.received.length;
const made2 = await burst(2, N);
const w2 = startWorker();
await until(() => smtp.received.length - mailBefore >= made2 / 2, 30 * 60_000);
w2.child.kill('SIGKILL');
await w2.exited;
const w3 = startWorker();
const drained2 = await until(() => uniqueMail() >= made1 + made2 && uniqueHooks() >= made1 + made2, 30 * 60_000);
// Give a straggling resend the chance to show up before counting.
await new Promise((r) => setTimeout(r, 3_000));
w3.child.kill('SIGTERM');
await w3.exited;

const mailIds = smtp.received.slice(mailBefore).map((m) => messageId(m.raw));
const mailDuplicates = mailIds.length - new Set(mailIds).size;
const hookKeys = hooks.requests.map((r) => r.key);
// Posts repeated for the same key (accepted again after the crash); the receiver shows each key once.
const hookReposts = hookKeys.length - new Set(hookKeys).size;
const hookShownTwice = hooks.received.length - new Set(hooks.received.map((h) => h.idempotencyKey)).size;
const mailLost = made1 + made2 - uniqueMail();
const hooksLost = made1 + made2 - uniqueHooks();
const rows = await statuses();

console.log(
  `bench:notify result: engine=${url ? 'postgres' : 'pglite'} notices=${made1} deliveries=${2 * made1} ` +
    `drain_seconds=${seconds1.toFixed(1)} notices_per_s=${rate.toFixed(1)} (target 100) drained=${drained1} ` +
    `create_seconds=${createSeconds.toFixed(1)} | kill -9 phase: notices=${made2} drained=${drained2} ` +
    `email_lost=${mailLost} webhook_lost=${hooksLost} webhook_shown_twice=${hookShownTwice} ` +
    `smtp_acceptance_window=${mailDuplicates} webhook_reposts_deduplicated=${hookReposts} ` +
    `hooks_phase2=${hooks.received.length - hooksBefore} rows=${JSON.stringify(rows)}`,
);

await smtp.close();
await hooks.close();
if (url) {
  const admin = await openDatabase({ databaseUrl: url, dataDir: work });
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db);
  await sql`drop schema if exists ${sql.id(jobSchema)} cascade`.execute(admin.db);
  await admin.close();
}
rmSync(work, { recursive: true, force: true });
process.exit(0);
