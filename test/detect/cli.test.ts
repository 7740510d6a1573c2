import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { childEnv, repoRoot, runCli } from '../support/cli.ts';
import { tempDir } from '../support/config.ts';
import { createSharedTestDatabase } from '../support/runtime.ts';

let shared: Awaited<ReturnType<typeof createSharedTestDatabase>>;
let env: Record<string, string>;
const dir = tempDir();
const file = (name: string, text: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const event = (user: string, query: string, extra = {}) => JSON.stringify({ ts: 1_761_991_200, user, query, ...extra });

beforeAll(async () => {
  shared = await createSharedTestDatabase();
  env = childEnv(shared.config, shared.childDatabaseUrl);
  const imported = await runCli(['intel', 'import', resolve(repoRoot, '../shared/data/iocs/pegasus.stix2')], env);
  expect(imported.code).toBe(0);
}, 90_000);
afterAll(() => shared?.drop());

it('accord scan: hits give exit 4, a summary per actor and account, and --out writes every hit as NDJSON', async () => {
  const log = file(
    'dns.ndjson',
    [event('amira@example.org', 'free247downloads.com'), event('omar@example.org', 'example.org'), '{broken'].join(
      '\n',
    ),
  );
  const out = join(dir, 'hits.ndjson');
  const result = await runCli(['scan', log, '--out', out], env);
  expect(result.code).toBe(4);
  expect(result.stderr).toMatch(/3 events .* 1 hits, 1 malformed/);
  expect(result.stderr).toMatch(/line 3: not a JSON object/);
  expect(result.stdout).toMatch(/3 events scanned, 1 hits/);
  expect(result.stdout).toMatch(/Pegasus/);
  expect(result.stdout).toMatch(/amira@example\.org/);
  const hits = readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(hits).toEqual([
    expect.objectContaining({ subject: 'amira@example.org', value: 'free247downloads.com', field: 'query', line: 1 }),
  ]);
}, 60_000);

it('a clean gzip file exits 0; --record stores detections once however often the file is scanned', async () => {
  const clean = file('clean.ndjson.gz', gzipSync(event('omar@example.org', 'example.org')));
  expect((await runCli(['scan', clean], env)).code).toBe(0);
  const log = file('record.ndjson', event('lina@example.org', 'a.free247downloads.com'));
  const first = await runCli(['scan', log, '--record'], env);
  expect(first.stderr).toMatch(/recorded: 1 new detections/);
  const second = await runCli(['scan', log, '--record'], env);
  expect(second.stderr).toMatch(/recorded: 0 new detections, 0 folded into existing ones, 1 already recorded/);
}, 60_000);

it('--mapping reads telemetry whose fields have other names; a bad mapping is a usage error in one line', async () => {
  const log = file('proxy.ndjson', JSON.stringify({ login: 'sara', dest_host: 'free247downloads.com' }));
  const unmapped = await runCli(['scan', log], env);
  expect(unmapped.code).toBe(0);
  const mapping = file(
    'mapping.json',
    JSON.stringify({ subject: ['login'], values: { 'domain-name:value': ['dest_host'] } }),
  );
  const mapped = await runCli(['scan', log, '--mapping', mapping, '--out', join(dir, 'mapped.ndjson')], env);
  expect(mapped.code).toBe(4);
  expect(readFileSync(join(dir, 'mapped.ndjson'), 'utf8')).toMatch(/"subject":"sara".*"field":"dest_host"/);

  const bad = file('bad.json', JSON.stringify({ values: { 'domain-name:value': 'dest_host' } }));
  const refused = await runCli(['scan', log, '--mapping', bad], env);
  expect(refused.code).toBe(2);
  expect(refused.stderr.trim().split('\n')).toEqual([
    expect.stringMatching(/^accord: --mapping: the field mapping .* is not valid: \/values\/domain-name:value/),
  ]);
}, 60_000);

it('a missing file is a failure in one line', async () => {
  const result = await runCli(['scan', join(dir, 'nope.ndjson')], env);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^accord: .*nope\.ndjson/m);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}, 60_000);

it('accord cases list and show: the recorded detection became a case; the person is shown only with --reveal and a reason', async () => {
  const list = await runCli(['cases', 'list', '--json'], env);
  expect(list.code).toBe(0);
  const cases = JSON.parse(list.stdout) as { id: string; actor: string; state: string }[];
  expect(cases).toEqual([expect.objectContaining({ actor: 'Pegasus', state: 'new' })]);
  expect(list.stdout).not.toContain('lina@');
  const show = await runCli(['cases', 'show', cases[0]!.id], env);
  expect(show.code).toBe(0);
  expect(show.stdout).toMatch(/free247downloads\.com/);
  expect(show.stdout).not.toContain('lina@');
  const short = await runCli(['cases', 'show', cases[0]!.id, '--reveal', 'because'], env);
  expect(short.code).toBe(1);
  expect(short.stdout).not.toContain('lina@');
  const revealed = await runCli(['cases', 'show', cases[0]!.id, '--reveal', 'preparing the notice by hand'], env);
  expect(revealed.stdout).toMatch(/person lina@example\.org/);
  const missing = await runCli(['cases', 'show', '00000000-0000-4000-8000-000000000000'], env);
  expect(missing.code).toBe(1);
  expect(missing.stderr.trim()).toMatch(/^accord: no case 00000000-0000-4000-8000-000000000000$/);
  // One more process than before (the refused short reason), each a cold start of the CLI.
}, 120_000);

it('accord notify preview prints a notice; notify send refuses a case not yet confirmed, in one line', async () => {
  const preview = await runCli(['notify', 'preview', '--language', 'ar'], env);
  expect(preview.code).toBe(0);
  expect(preview.stdout).toMatch(/^Subject: .*Accord/);
  expect(preview.stdout).toMatch(/Access Now/);
  const html = await runCli(['notify', 'preview', '--language', 'ar', '--html'], env);
  expect(html.stdout).toMatch(/<div lang="ar" dir="rtl">/);
  const cases = JSON.parse((await runCli(['cases', 'list', '--json'], env)).stdout) as { id: string }[];
  const send = await runCli(['notify', 'send', cases[0]!.id], env);
  expect(send.code).toBe(1);
  expect(send.stderr.trim()).toMatch(/^accord: case .* is new: only a confirmed case leads to a notice$/);
}, 60_000);

it('accord lawful agencies, requests and review answer in plain lines', async () => {
  const agencies = await runCli(['lawful', 'agencies'], env);
  expect(agencies.code).toBe(0);
  expect(agencies.stdout.trim()).toBe('no agencies registered');
  expect((await runCli(['lawful', 'requests'], env)).stdout.trim()).toBe('no requests');
  const missing = await runCli(['lawful', 'review', '00000000-0000-4000-8000-000000000000'], env);
  expect(missing.code).toBe(1);
  expect(missing.stderr.trim()).toBe('accord: no request 00000000-0000-4000-8000-000000000000');
}, 60_000);
