/**
 * Imports whose process or database connection goes away part-way, with a real CLI child process: killed with
 * SIGKILL (both databases), and its PostgreSQL connection terminated by the server (pg_terminate_backend). The
 * import's row must end `interrupted` or `failed` with counts equal to what is stored.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/core/http/app.ts';
import type { OpenDatabase } from '../../src/core/db/open.ts';
import { modules } from '../../src/modules.ts';
import { openRuntime } from '../../src/runtime.ts';
import type { TestApp } from '../support/app.ts';
import { tokenFor } from '../support/app.ts';
import { bigBundleParts } from '../support/big-bundle.ts';
import { accordBin, childEnv, repoRoot } from '../support/cli.ts';
import { databaseUrl } from '../support/env.ts';
import { createSharedTestDatabase } from '../support/runtime.ts';

const LEASE_SECONDS = 2;
const RECORDS = 80_000;
/** Written before the fault: far more than a pipe, a reader and the batches in flight hold, so several are stored. */
const BEFORE_FAULT = 60_000;
const REFUSE_EVERY = 1000;

let shared: Awaited<ReturnType<typeof createSharedTestDatabase>>;

beforeAll(async () => {
  shared = await createSharedTestDatabase({ ACCORD_INTEL_IMPORT_LEASE_SECONDS: String(LEASE_SECONDS) });
}, 120_000);
afterAll(() => shared?.drop());

interface Child {
  process: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  closed: Promise<number | null>;
}

function startImport(extraEnv: Record<string, string> = {}): Child {
  const env = childEnv(shared.config, shared.childDatabaseUrl, {
    ACCORD_INTEL_IMPORT_LEASE_SECONDS: String(LEASE_SECONDS),
    ...extraEnv,
  });
  const child = spawn(process.execPath, [accordBin, 'intel', 'import', '-'], { cwd: repoRoot, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  // The child may stop reading before the test stops writing.
  child.stdin.on('error', () => {});
  return {
    process: child,
    stdout: () => stdout,
    stderr: () => stderr,
    closed: new Promise((r) => child.on('close', r)),
  };
}

/**
 * Writes parts to the child, resolving once the last has been handed to the pipe (the child has read the rest),
 * or once the child has ended.
 */
async function write(child: Child, parts: readonly string[]) {
  let ended = false;
  void child.closed.then(() => (ended = true));
  const stdin = child.process.stdin;
  const wait = (register: (done: () => void) => void) =>
    Promise.race([new Promise<void>(register), child.closed.then(() => {})]);
  for (const part of parts) {
    if (ended) return;
    if (!stdin.write(part)) await wait((done) => stdin.once('drain', done));
  }
  if (!ended) await wait((done) => stdin.write('', () => done()));
}

async function importRows(database: OpenDatabase) {
  const result = await sql<{ id: string; status: string; error: string | null; summary: Record<string, number> }>`
    select id, status, error, summary from intel_imports order by started_at desc`.execute(database.db);
  return result.rows;
}

const storedBy = async (database: OpenDatabase, importId: string) =>
  Number(
    (
      await sql<{ n: number }>`select count(*) as n from intel_objects where import_id = ${importId}`.execute(
        database.db,
      )
    ).rows[0]!.n,
  );

it('an import whose CLI process is killed (SIGKILL) part-way is marked interrupted with the counts it stored', async () => {
  const parts = bigBundleParts(RECORDS, { tag: 'killed', refuseEvery: REFUSE_EVERY });
  const child = startImport();
  try {
    await write(child, parts.slice(0, BEFORE_FAULT + 1));
    child.process.kill('SIGKILL');
    await child.closed;
  } finally {
    child.process.kill('SIGKILL');
  }
  // Its lease runs out; then a process opens the runtime, as the server or any CLI command does at start-up.
  await new Promise((r) => setTimeout(r, (LEASE_SECONDS + 1) * 1000));
  await shared.withDb(async (database) => {
    const runtime = await openRuntime(shared.config, { work: false, database, jobSchema: shared.jobSchema });
    try {
      const [row] = await importRows(database);
      expect(row).toMatchObject({ status: 'interrupted' });
      expect(row!.error).toMatch(/its process stopped without ending it/);
      const stored = await storedBy(database, row!.id);
      // Several batches of 5,000 were committed before the kill, and the row counts exactly those.
      expect(stored).toBeGreaterThanOrEqual(10_000);
      expect(stored).toBeLessThan(RECORDS);
      expect(row!.summary).toMatchObject({ inserted: stored, duplicates: 0 });
      expect(row!.summary.batches).toBeGreaterThanOrEqual(2);
      // Refused records came before the stored ones' last batch: about one in REFUSE_EVERY of what was read.
      expect(row!.summary.rejected).toBeGreaterThanOrEqual(Math.floor(stored / REFUSE_EVERY));

      // The API's import status says the same.
      const built = await buildApp(runtime.ctx, modules);
      try {
        const analyst = await tokenFor({ app: built.app, runtime } as unknown as TestApp, 'analyst');
        const res = await built.app.inject({ method: 'GET', url: `/api/intel/imports/${row!.id}`, headers: analyst });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toMatchObject({ status: 'interrupted', summary: { inserted: stored } });
        const list = await built.app.inject({ method: 'GET', url: '/api/intel/imports', headers: analyst });
        expect((list.json() as { imports: unknown[] }).imports[0]).toMatchObject({
          id: row!.id,
          status: 'interrupted',
          summary: { inserted: stored },
        });
      } finally {
        await built.app.close();
      }
    } finally {
      await runtime.close();
    }
  });
}, 240_000);

it.skipIf(!databaseUrl)(
  'an import whose PostgreSQL connection is terminated part-way fails on one line, and its row counts what it stored',
  async () => {
    const parts = bigBundleParts(RECORDS, { tag: 'terminated', refuseEvery: REFUSE_EVERY });
    const appName = `accord-import-fault-${process.pid}`;
    const child = startImport({ PGAPPNAME: appName });
    let terminated = 0;
    const stopTerminating = { done: false };
    // Once two batches are stored, terminates the child's batch connection whenever it is storing (COPY), until
    // the child gives up.
    const terminator = (async () => {
      await shared.withDb(async (database) => {
        while (!stopTerminating.done && ((await importRows(database))[0]?.summary.batches ?? 0) < 2) {
          await new Promise((r) => setTimeout(r, 50));
        }
        while (!stopTerminating.done) {
          const result = await sql<{ ok: boolean }>`
            select pg_terminate_backend(pid) as ok from pg_stat_activity
            where application_name = ${appName} and state = 'active' and query ilike 'copy intel_%'`.execute(
            database.db,
          );
          terminated += result.rows.filter((r) => r.ok).length;
          await new Promise((r) => setTimeout(r, 50));
        }
      });
    })();
    try {
      // Storing goes on, batch after batch, until one is cut off.
      await write(child, parts);
      child.process.stdin.end();
      const code = await child.closed;
      stopTerminating.done = true;
      await terminator;
      expect(terminated).toBeGreaterThan(0);
      expect(code).toBe(1);
    } finally {
      stopTerminating.done = true;
      child.process.kill('SIGKILL');
      await terminator.catch(() => {});
    }
    const lines = child.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    const said =
      /^accord: import failed: database connection lost after (\d+) batch(?:es)? \(stored (\d+), refused (\d+)\)/.exec(
        lines[0]!,
      );
    expect(said, lines[0]).not.toBeNull();
    // No stack trace anywhere (the CLI's warnings go to standard output).
    expect(child.stdout() + child.stderr()).not.toMatch(/\n\s+at /);

    await shared.withDb(async (database) => {
      const row = (await importRows(database)).find((r) => lines[0]!.includes(r.id))!;
      expect(row).toMatchObject({ status: 'failed' });
      expect(row.error).toMatch(/^database connection lost/);
      const stored = await storedBy(database, row.id);
      expect(stored).toBe(Number(said![2]));
      expect(row.summary).toMatchObject({ inserted: stored, batches: Number(said![1]), rejected: Number(said![3]) });
    });
  },
  240_000,
);
