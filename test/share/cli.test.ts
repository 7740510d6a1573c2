import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit/index.ts';
import { importObjects } from '../../src/intel/service.ts';
import { childEnv, runCli } from '../support/cli.ts';
import { createSharedTestDatabase } from '../support/runtime.ts';
import { indicator } from '../intel/fixtures.ts';

let shared: Awaited<ReturnType<typeof createSharedTestDatabase>>;
let env: Record<string, string>;
const object = indicator('cli-share.example');

beforeAll(async () => {
  shared = await createSharedTestDatabase();
  env = childEnv(shared.config, shared.childDatabaseUrl);
  await shared.withDb(async (database) => {
    const { openRuntime } = await import('../../src/runtime.ts');
    const runtime = await openRuntime(shared.config, { work: false, database, jobSchema: shared.jobSchema });
    await importObjects(runtime.ctx, systemActor('test'), [object], 'test');
    await runtime.close();
  });
}, 60_000);
afterAll(() => shared?.drop());

it('accord share collections --create, list, and publish', async () => {
  const created = await runCli(
    ['share', 'collections', '--create', 'Peers', '--alias', 'peers', '--read', 'role:peer', '--amber', 'user:cert'],
    env,
  );
  expect(created.stderr).toBe('');
  expect(created.stdout).toMatch(/created collection [0-9a-f-]{36}/);
  const listed = await runCli(['share', 'collections'], env);
  expect(listed.stdout).toMatch(/peers\s+Peers\s+role:peer\s+user:cert/);
  const published = await runCli(['share', 'publish', 'peers', object.id], env);
  expect(published.code).toBe(0);
  expect(published.stdout).toMatch(/versions published\s+1/);
  const missing = await runCli(['share', 'publish', 'peers', 'indicator--00000000-0000-4000-8000-000000000000'], env);
  expect(missing.code).toBe(1);
  const usage = await runCli(['share', 'collections', '--read', 'role:peer'], env);
  expect(usage.code).toBe(2);
});

it('accord share subscribe checks the URL; share pull names a missing subscription in one line', async () => {
  const bad = await runCli(['share', 'subscribe', 'feed', 'https://peer.example/taxii2/'], env);
  expect(bad.code).toBe(1);
  expect(bad.stderr.trim()).toMatch(/^accord: give the remote collection's URL/);
  const secret = await runCli(
    ['share', 'subscribe', 'feed', 'https://peer.example/taxii2/api1/collections/x/', '--secret-file', '/nonexistent'],
    env,
  );
  expect(secret.code).toBe(2);
  const ok = await runCli(
    ['share', 'subscribe', 'feed', 'https://peer.example/taxii2/api1/collections/x/', '--interval', '600'],
    env,
  );
  expect(ok.stdout).toMatch(/^subscribed feed \(/);
  const missing = await runCli(['share', 'pull', 'nope'], env);
  expect(missing.code).toBe(1);
  expect(missing.stderr.trim()).toBe('accord: no subscription nope');
}, 60_000);
