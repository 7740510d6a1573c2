import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CoreContext } from '../../src/core/context.ts';
import { childEnv, runCli } from '../support/cli.ts';
import { createSharedTestDatabase } from '../support/runtime.ts';
import { agency, requests } from './factory.ts';

let shared: Awaited<ReturnType<typeof createSharedTestDatabase>>;
let env: Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), 'accord-transparency-'));

/** Work in the test's own runtime, between CLI runs (the embedded database has one user at a time). */
const inRuntime = <T>(work: (ctx: CoreContext) => Promise<T>) =>
  shared.withDb(async (database) => {
    const { openRuntime } = await import('../../src/runtime.ts');
    const runtime = await openRuntime(shared.config, { work: false, database, jobSchema: shared.jobSchema });
    try {
      return await work(runtime.ctx);
    } finally {
      await runtime.close();
    }
  });

beforeAll(async () => {
  shared = await createSharedTestDatabase();
  env = childEnv(shared.config, shared.childDatabaseUrl);
  await inRuntime(async (ctx) => {
    const it = await agency(ctx, 'IT');
    await requests(ctx, { agency: it, type: 'search_warrant', state: 'disclosed', count: 12, accounts: 2 });
  });
}, 60_000);
afterAll(() => shared?.drop());

it('builds a period, and publishes it only once a reviewer other than its builder approved it', async () => {
  const built = await runCli(['transparency', 'build', '--period', '2026H1'], env);
  expect(built.stderr).toBe('');
  expect(built.stdout).toMatch(/draft 2026H1 version 1: [0-9a-f-]{36}/);
  expect(built.stdout).toMatch(/requests 12, accounts 24/);
  expect(built.stdout).toMatch(/Italy\s+█+ 12/);

  // The command line never approves: a reviewer does, signed in, and the system cannot stand in for one.
  const unreviewed = await runCli(['transparency', 'publish', '2026H1'], env);
  expect(unreviewed.code).toBe(1);
  expect(unreviewed.stderr).toMatch(/^accord: 2026H1 v1 is a draft: a reviewer other than its builder approves it/);
  const id = /draft 2026H1 version 1: ([0-9a-f-]{36})/.exec(built.stdout)![1]!;
  const reviewer = { type: 'user' as const, id: randomUUID(), label: 'reviewer' };
  await inRuntime(async (ctx) => {
    const { approveRelease } = await import('../../src/transparency/service.ts');
    const { systemActor } = await import('../../src/core/audit/index.ts');
    await expect(approveRelease(ctx, systemActor('cli (root)'), id)).rejects.toMatchObject({ status: 403 });
    await approveRelease(ctx, reviewer, id, 'figures checked');
  });

  const published = await runCli(['transparency', 'publish', '2026H1'], env);
  expect(published.code).toBe(0);
  expect(published.stdout).toMatch(/published 2026H1 version 1/);
  expect(published.stdout).toMatch(new RegExp(`built by cli \\(.+\\), approved by ${reviewer.id}`));
  const entry = await inRuntime(async (ctx) => {
    const { listAuditEntries } = await import('../../src/core/audit/index.ts');
    const [last] = await listAuditEntries(ctx.db, { limit: 1, action: 'transparency_release.published' });
    return last;
  });
  expect(entry).toMatchObject({ actor_label: expect.stringMatching(/^cli /), details: { approved_by: reviewer.id } });
  const again = await runCli(['transparency', 'publish', '2026H1'], env);
  expect(again.code).toBe(1);
  expect(again.stderr).toBe('accord: 2026H1 v1 is already published\n');
}, 180_000); // four CLI runs and three openings of the database, on a loaded machine

it('exports the published series and imports earlier figures', async () => {
  const out = join(dir, 'series.csv');
  const exported = await runCli(['transparency', 'export', '--format', 'google-csv', '--out', out], env);
  expect(exported.code).toBe(0);
  expect(readFileSync(out, 'utf8')).toContain('2026-06-30,Italy,IT,Search Warrant,12,100,24\n');

  const history = join(dir, 'history.csv');
  writeFileSync(
    history,
    'Period Ending,Country/Region,CLDR Territory Code,Legal Process,User Data Requests,Percentage disclosed,Accounts\n' +
      '2025-12-31,Italy,IT,Search Warrant,9,88,11\n' +
      '2025-12-31,Italy,IT,Subpoena,many,1,1\n',
  );
  const imported = await runCli(['transparency', 'import', history], env);
  expect(imported.stdout).toMatch(/2025H2: 1 rows imported/);
  expect(imported.stderr).toMatch(/line 3: 'many' is not a count/);
  expect(imported.code).toBe(1);

  const listed = await runCli(['transparency', 'list'], env);
  expect(listed.stdout).toMatch(/2026H1\s+1\s+published\s+records/);
  expect(listed.stdout).toMatch(/2025H2\s+1\s+published\s+imported/);

  const bad = await runCli(['transparency', 'build', '--period', 'last-year'], env);
  expect(bad.code).toBe(1);
  expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  const format = await runCli(['transparency', 'export', '--format', 'pdf'], env);
  expect(format.code).toBe(2);
}, 180_000); // five CLI runs, each opening the database
