import { spawn } from 'node:child_process';
import { createReadStream, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { accordBin, childEnv, repoRoot, runCli } from '../support/cli.ts';
import { createSharedTestDatabase } from '../support/runtime.ts';

const iocs = resolve(repoRoot, '../shared/data/iocs');
let shared: Awaited<ReturnType<typeof createSharedTestDatabase>>;
let env: Record<string, string>;

beforeAll(async () => {
  shared = await createSharedTestDatabase();
  env = childEnv(shared.config, shared.childDatabaseUrl);
}, 60_000);
afterAll(() => shared?.drop());

it('accord intel import <file> prints a summary table', async () => {
  const result = await runCli(['intel', 'import', join(iocs, 'rcs.stix2')], env);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/new object versions\s+81/);
  expect(result.stdout).toMatch(/file:hashes.'SHA-256'\s+9/);
});

it('accord intel import - reads standard input', async () => {
  const child = spawn(process.execPath, [accordBin, 'intel', 'import', '-', '--json'], { cwd: repoRoot, env });
  createReadStream(join(iocs, 'candiru.stix2')).pipe(child.stdin);
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  const code = await new Promise<number | null>((r) => child.on('close', r));
  expect(code).toBe(0);
  expect(JSON.parse(stdout)).toMatchObject({ source: 'stdin', format: 'stix', insertedByType: { indicator: 125 } });
});

it('accord intel search and actors', async () => {
  const search = await runCli(['intel', 'search', 'https://Sub.119-TIM.info/x'], env);
  expect(search.code).toBe(0);
  expect(search.stdout).toMatch(/domain-name:value = 119-tim.info\s+parent-domain\s+malware RCSLab/);
  const none = await runCli(['intel', 'search', 'example.org'], env);
  expect(none.code).toBe(1);
  const actors = await runCli(['intel', 'actors'], env);
  expect(actors.stdout).toMatch(/RCSLab\s+malware\s+40/);
});

it('a missing file or unreadable document: one line, non-zero exit', async () => {
  const missing = await runCli(['intel', 'import', '/nonexistent/feed.json'], env);
  expect(missing.code).toBe(1);
  expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  expect(missing.stderr).toMatch(/cannot read \/nonexistent\/feed.json/);

  const broken = join(shared.config.dataDir, 'broken.json');
  writeFileSync(broken, '{"type": "bundle", "objects": [{"type": ');
  const result = await runCli(['intel', 'import', broken], env);
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/stopped reading/);
});

it('an unknown --format is a usage error', async () => {
  const result = await runCli(['intel', 'import', '--format', 'xml', join(iocs, 'rcs.stix2')], env);
  expect(result.code).toBe(2);
});

it('Ctrl-C stops an import cleanly, even one waiting on an idle pipe: exit 130, what was kept on one line', async () => {
  const child = spawn(process.execPath, [accordBin, 'intel', 'import', '-'], { cwd: repoRoot, env });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const closed = new Promise<number | null>((r) => child.on('close', r));
  // More than a pipe holds: once it is written, the command has opened its database and is reading, so its
  // Ctrl-C handler is in place. Then the pipe stays open and idle.
  const objects = Array.from({ length: 5000 }, (_, i) =>
    JSON.stringify({
      type: 'indicator',
      spec_version: '2.1',
      id: `indicator--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-01-01T00:00:00.000Z',
      pattern: `[domain-name:value = 'n${i}.ctrl-c.example']`,
      pattern_type: 'stix',
      valid_from: '2026-01-01T00:00:00Z',
    }),
  );
  try {
    await new Promise<void>((r) => child.stdin.write(`{"type":"bundle","objects":[${objects.join(',')}`, () => r()));
    child.kill('SIGINT');
    expect(await closed).toBe(130);
  } finally {
    child.kill('SIGKILL');
  }
  const lines = stderr.trim().split('\n');
  expect(lines[0]).toMatch(/stopping after the batch being stored/);
  expect(lines[1]).toMatch(
    /^accord: import interrupted after \d+ batch(es)? \(stored \d+, refused 0\): stopped by Ctrl-C/,
  );
  expect(lines).toHaveLength(2);
}, 60_000);
