import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { childEnv, repoRoot } from '../support/cli.ts';
import { tempDir } from '../support/config.ts';
import { createSharedTestDatabase } from '../support/runtime.ts';

const worker = resolve(repoRoot, 'test/fixtures/job-worker.ts');
let shared: Awaited<ReturnType<typeof createSharedTestDatabase>>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  shared = await createSharedTestDatabase();
}, 60_000);
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await shared?.drop();
});

function startWorker(mode: 'enqueue' | 'work', markers: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', worker, mode, markers, shared.jobSchema], {
    cwd: repoRoot,
    env: childEnv(shared.config, shared.childDatabaseUrl),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  children.push(child);
  return { child, stderr: () => stderr };
}

async function waitFor(what: string, check: () => boolean, timeoutMs: number, stderr: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; worker said: ${stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.on('exit', (c) => r(c))));

it('a job whose process is killed with SIGKILL mid-run is retried and completes after restart', async () => {
  const markers = tempDir('accord-job-');
  const first = startWorker('enqueue', markers);
  await waitFor('the job to start', () => existsSync(join(markers, 'started')), 60_000, first.stderr);
  const jobId = readFileSync(join(markers, 'started'), 'utf8');
  first.child.kill('SIGKILL');
  await exited(first.child);
  writeFileSync(join(markers, 'killed'), '');
  expect(existsSync(join(markers, 'done'))).toBe(false);

  const second = startWorker('work', markers);
  await waitFor('the job to complete', () => existsSync(join(markers, 'done')), 60_000, second.stderr);
  second.child.kill('SIGTERM');
  expect(await exited(second.child)).toBe(0);

  const runs = readFileSync(join(markers, 'runs'), 'utf8').trim().split('\n');
  expect(runs.length).toBeGreaterThanOrEqual(2);
  expect(runs.every((line) => line.startsWith(`${jobId} `) && line.endsWith(' precious'))).toBe(true);
  expect(readFileSync(join(markers, 'done'), 'utf8').trim().split('\n')).toEqual([jobId]);

  const state = await shared.withDb(async ({ rawSql }) => {
    const result = await rawSql(`select state from ${shared.jobSchema}.job where id = $1`, [jobId]);
    return (result.rows[0] as { state: string } | undefined)?.state;
  });
  expect(state).toBe('completed');
  rmSync(markers, { recursive: true, force: true });
}, 120_000);
