import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { childEnv, repoRoot, runCli } from '../support/cli.ts';
import { createSharedTestDatabase } from '../support/runtime.ts';

const csl = resolve(repoRoot, '../shared/data/screening/csl-spyware-vendors.json');
let shared: Awaited<ReturnType<typeof createSharedTestDatabase>>;
let env: Record<string, string>;

beforeAll(async () => {
  shared = await createSharedTestDatabase();
  env = childEnv(shared.config, shared.childDatabaseUrl);
}, 60_000);
afterAll(() => shared?.drop());

it('accord lists import, lists list, screen one name and a batch CSV', async () => {
  const imported = await runCli(['lists', 'import', csl, '--format', 'csl-json', '--name', 'US CSL'], env);
  expect(imported.stderr).toBe('');
  expect(imported.code).toBe(0);
  expect(imported.stdout).toMatch(/added\s+14/);

  const listed = await runCli(['lists', 'list'], env);
  expect(listed.stdout).toMatch(/US CSL\s+csl-json\s+2026-09-24\s+14/);

  const one = await runCli(['screen', 'Cytrox Holdings', '--country', 'HU'], env);
  expect(one.code).toBe(4);
  expect(one.stdout).toMatch(/Cytrox Holdings Zrt/);
  expect((await runCli(['screen', 'Acme Office Supplies'], env)).code).toBe(0);

  const input = join(shared.config.dataDir, 'parties.csv');
  const output = join(shared.config.dataDir, 'results.csv');
  writeFileSync(input, 'name,country,domain\nTaveta Ltd,IL,\nAcme Office Supplies,US,acme.example\n"Интеллекса",GR,\n');
  const batch = await runCli(['screen', '--batch', input, '--out', output], env);
  expect(batch.code).toBe(4);
  expect(batch.stdout).toMatch(/screened 3 parties: 2 with matches/);
  const lines = readFileSync(output, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('name,country,domain,match_count,top_score,top_match,top_list,explanation');
  expect(lines[1]).toMatch(/^Taveta Ltd,IL,,1,1,Candiru,/);
  expect(lines[2]).toMatch(/^Acme Office Supplies,US,acme.example,0,,,,$/);
  expect(lines[3]).toMatch(/Intellexa/i);
});

it('bad usage: one line, non-zero exit', async () => {
  const missing = await runCli(['lists', 'import', '/nonexistent.json', '--format', 'csl-json', '--name', 'x'], env);
  expect(missing.code).toBe(1);
  expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  expect((await runCli(['lists', 'import', csl, '--format', 'xml', '--name', 'x'], env)).code).toBe(2);
  expect((await runCli(['screen', '--batch', csl], env)).code).toBe(2);
});
