import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';

/**
 * Prepares, once per run, an embedded database with every migration applied; each test file then starts from
 * a copy of it instead of paying PGlite's initdb (seconds) again. On PostgreSQL each file gets its own schema.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const masterKey = randomBytes(32).toString('base64');
  process.env.ACCORD_TEST_MASTER_KEY = masterKey;
  project.provide('masterKey', masterKey);
  // The browser tests drive the console as users get it: built by Vite, served by the Accord server.
  const { build } = await import('vite');
  await build({ configFile: new URL('../web/vite.config.ts', import.meta.url).pathname, logLevel: 'error' });
  if (process.env.DATABASE_URL || process.env.ACCORD_TEST_NO_DB) {
    project.provide('pgliteTemplate', '');
    return () => {};
  }
  const dir = mkdtempSync(join(tmpdir(), 'accord-template-'));
  const { prepareTemplate } = await import('./support/template.ts');
  await prepareTemplate(dir, masterKey);
  project.provide('pgliteTemplate', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    masterKey: string;
  }
}
