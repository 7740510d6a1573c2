import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, runCli } from '../support/cli.ts';
import { createSharedTestDatabase } from '../support/runtime.ts';

let shared: Awaited<ReturnType<typeof createSharedTestDatabase>>;
let env: Record<string, string>;

beforeAll(async () => {
  shared = await createSharedTestDatabase();
  env = childEnv(shared.config, shared.childDatabaseUrl);
}, 60_000);
afterAll(() => shared?.drop());

describe('every command has --help', () => {
  const commands = [
    [],
    ['serve'],
    ['db', 'migrate'],
    ['user', 'create'],
    ['user', 'list'],
    ['user', 'disable'],
    ['token', 'create'],
    ['token', 'revoke'],
    ['audit', 'verify'],
    ['keys', 'rotate'],
    ['intel', 'import'],
    ['intel', 'export'],
  ];
  it.each(commands.map((c) => [c.join(' ') || '(top level)', c]))('%s', async (_name, args) => {
    const result = await runCli([...(args as string[]), '--help'], { PATH: process.env.PATH ?? '' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: accord/);
  });
});

it('an unknown command or a missing argument is a usage error (exit 2)', async () => {
  expect((await runCli(['frobnicate'], env)).code).toBe(2);
  expect((await runCli(['user', 'create'], env)).code).toBe(2);
});

it('db migrate reports an up-to-date database', async () => {
  const dry = await runCli(['db', 'migrate', '--dry-run'], env);
  expect(dry.code).toBe(0);
  expect(dry.stdout).toMatch(/no migrations pending/);
  const run = await runCli(['db', 'migrate'], env);
  expect(run.stdout).toMatch(/up to date/);
});

it('user create, list, disable; token create and revoke; keys rotate', async () => {
  const created = await runCli(['user', 'create', 'dana', '--role', 'analyst'], env);
  expect(created.code).toBe(0);
  expect(created.stdout).toMatch(/created dana \(analyst/);
  expect(created.stdout).toMatch(/setup link .*\/setup#token=/);

  const badRole = await runCli(['user', 'create', 'eve', '--role', 'overlord'], env);
  expect(badRole.code).not.toBe(0);
  // Matched whole, so that a failure shows what else was printed.
  expect(badRole.stderr.trim()).toMatch(/^accord: --role must be one of [^\n]+$/);

  const list = await runCli(['user', 'list', '--json'], env);
  expect(JSON.parse(list.stdout).map((u: { username: string }) => u.username)).toContain('dana');

  const token = await runCli(['token', 'create', 'dana', '--name', 'feed sync', '--scope', 'intel:read'], env);
  expect(token.code).toBe(0);
  const secret = token.stdout.trim();
  expect(secret).toMatch(/^acc_[0-9a-f]{16}_/);
  const id = secret.split('_')[1]!;
  const tokens = await runCli(['token', 'list'], env);
  expect(tokens.stdout).toContain(id);
  expect(tokens.stdout).not.toContain(secret);
  const revoked = await runCli(['token', 'revoke', id], env);
  expect(revoked.stdout).toMatch(/revoked/);

  const disabled = await runCli(['user', 'disable', 'dana'], env);
  expect(disabled.stdout).toMatch(/dana disabled/);

  const rotated = await runCli(['keys', 'rotate'], env);
  expect(rotated.code).toBe(0);
  expect(rotated.stdout).toMatch(/new data key \S+; \d+ values re-encrypted/);

  const verify = await runCli(['audit', 'verify'], env);
  expect(verify.code).toBe(0);
}, 90_000);
