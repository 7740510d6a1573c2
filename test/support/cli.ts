import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { Config } from '../../src/core/config/index.ts';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const accordBin = resolve(repoRoot, 'bin/accord.js');

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment a child process needs to reach the same data as the test: the data directory (embedded
 * database) or the schema-bound DATABASE_URL (PostgreSQL), and the run's master key.
 */
export function childEnv(config: Config, childDatabaseUrl?: string, extra: Record<string, string> = {}) {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    ACCORD_DATA_DIR: config.dataDir,
    ACCORD_MASTER_KEY: config.masterKey ?? '',
    ACCORD_LOG_LEVEL: 'silent',
    ...extra,
  };
  if (childDatabaseUrl) env.DATABASE_URL = childDatabaseUrl;
  return env;
}

/** Runs `node <script> ...args` to completion. */
export function runNode(script: string, args: string[], env: Record<string, string>, timeoutMs = 60_000) {
  return new Promise<ChildResult>((resolvePromise, reject) => {
    const child = spawn(process.execPath, [script, ...args], { env, cwd: repoRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}

/** Runs the `accord` CLI with the given arguments. */
export const runCli = (args: string[], env: Record<string, string>, timeoutMs?: number) =>
  runNode(accordBin, args, env, timeoutMs);
