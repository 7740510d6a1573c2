import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, runCli } from '../support/cli.ts';
import { serve, type Served } from '../support/serve.ts';
import { tempDir } from '../support/config.ts';
import { databaseUrl, TEST_MASTER_KEY } from '../support/env.ts';
import { createSharedTestDatabase } from '../support/runtime.ts';

const exited = (child: ChildProcess) =>
  new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.on('exit', (c) => r(c))));

describe('accord serve', () => {
  let shared: Awaited<ReturnType<typeof createSharedTestDatabase>>;
  let env: Record<string, string>;
  let server: Served;

  beforeAll(async () => {
    shared = await createSharedTestDatabase();
    env = childEnv(shared.config, shared.childDatabaseUrl, {
      ACCORD_PORT: '0',
      ACCORD_LOG_LEVEL: 'info',
      ACCORD_LOG_FILE: join(shared.config.dataDir, 'accord.log'),
    });
    server = await serve(env);
  }, 90_000);
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await shared?.drop();
  });

  it(`answers /healthz and /readyz on ${databaseUrl ? 'PostgreSQL' : 'the embedded database'}`, async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ database: databaseUrl ? 'postgres' : 'pglite' });
  });

  it('prints the first admin setup link once, to the console and never to the log file', () => {
    const match = /(http\S+\/setup#token=\S+|"token":"([^"]+)")/.exec(server.stderr());
    expect(match, server.stderr()).not.toBeNull();
    const token = /"token":"([^"]+)"/.exec(server.stderr())![1]!;
    const log = readFileSync(env.ACCORD_LOG_FILE!, 'utf8');
    expect(log).toContain('accord started');
    expect(log).not.toContain(token);
  });

  it.skipIf(databaseUrl)('refuses a second process on the same embedded database with one line', async () => {
    const second = await runCli(['serve'], env);
    expect(second.code).toBe(1);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    expect(second.stderr).toMatch(/in use by process \d+/);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    server.child.kill('SIGTERM');
    expect(await exited(server.child)).toBe(0);
    expect(server.stderr()).toContain('SIGTERM received');
  });
});

describe('start-up failures are one line and a non-zero exit', () => {
  // Its own data directory and key: nothing is written into the checkout.
  const base = {
    PATH: process.env.PATH ?? '',
    ACCORD_LOG_LEVEL: 'silent',
    ACCORD_DATA_DIR: tempDir('accord-startup-'),
    ACCORD_MASTER_KEY: TEST_MASTER_KEY,
  };

  it('a wrong configuration value names the variable', async () => {
    const result = await runCli(['serve'], { ...base, ACCORD_PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('ACCORD_PORT');
  });

  it('an unreachable database', async () => {
    const result = await runCli(['serve'], { ...base, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/database/i);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
