import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { inject } from 'vitest';
import type { Config } from '../../src/core/config/index.ts';
import { openDatabase, type OpenDatabase } from '../../src/core/db/open.ts';
import { migrateToLatest } from '../../src/core/db/migrate.ts';
import { migrations } from '../../src/modules.ts';
import { openRuntime, type Runtime, type RuntimeOptions } from '../../src/runtime.ts';
import { testConfig } from './config.ts';
import { databaseUrl, uniqueName } from './env.ts';

export interface TestDatabase {
  database: OpenDatabase;
  config: Config;
  /** PostgreSQL: the schema this file owns; PGlite: undefined. */
  schema?: string;
  /** A DATABASE_URL that reaches the same data from a child process (PostgreSQL only). */
  childDatabaseUrl?: string;
  drop(): Promise<void>;
}

/**
 * A database of this test file's own: a copy of the prepared PGlite template, or a fresh schema on PostgreSQL.
 * For PGlite, `onDisk` copies the template into the config's data directory so that child processes can open
 * it (the embedded database allows one process at a time).
 */
export async function createTestDatabase(
  configOverrides: Record<string, string> = {},
  { onDisk = false } = {},
): Promise<TestDatabase> {
  const config = testConfig(inject('masterKey'), configOverrides);
  if (databaseUrl) {
    const schema = uniqueName('t');
    const admin = await openDatabase({ databaseUrl, dataDir: config.dataDir });
    await sql`create schema ${sql.id(schema)}`.execute(admin.db);
    await admin.close();
    const database = await openDatabase({ databaseUrl, dataDir: config.dataDir, searchPath: schema, poolSize: 5 });
    const url = new URL(databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return {
      database,
      config,
      schema,
      childDatabaseUrl: url.toString(),
      async drop() {
        await database.close();
        const a = await openDatabase({ databaseUrl, dataDir: config.dataDir });
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(a.db);
        await sql`drop schema if exists ${sql.id(`${schema}_jobs`)} cascade`.execute(a.db);
        await a.close();
        rmSync(config.dataDir, { recursive: true, force: true });
      },
    };
  }
  const template = inject('pgliteTemplate');
  if (!template) throw new Error('no PGlite template prepared (ACCORD_TEST_NO_DB is set?)');
  cpSync(join(template, 'db'), join(config.dataDir, 'db'), { recursive: true });
  if (onDisk) {
    return {
      database: undefined as unknown as OpenDatabase,
      config,
      drop: async () => rmSync(config.dataDir, { recursive: true, force: true }),
    };
  }
  const pglite = await PGlite.create(join(config.dataDir, 'db'));
  const database = await openDatabase({ dataDir: config.dataDir, pglite });
  return {
    database,
    config,
    async drop() {
      await database.close();
      await pglite.close();
      rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestRuntime extends Runtime {
  testDb: TestDatabase;
}

/** A runtime (database, keyring, job queue) on a database of this file's own. */
export async function createTestRuntime(
  options: Partial<RuntimeOptions> = {},
  configOverrides: Record<string, string> = {},
): Promise<TestRuntime> {
  const testDb = await createTestDatabase(configOverrides);
  const runtime = await openRuntime(testDb.config, {
    work: false,
    database: testDb.database,
    jobPollingSeconds: 0.5,
    ...options,
  });
  return {
    ...runtime,
    testDb,
    async close() {
      await runtime.close();
      await testDb.drop();
    },
  };
}

/**
 * A database that child processes (the CLI, a second server) can open too. On PGlite only one process may
 * hold it at a time, so `withDb` opens it for the test's own setup and closes it again before children run.
 */
export async function createSharedTestDatabase(configOverrides: Record<string, string> = {}) {
  const testDb = await createTestDatabase(configOverrides, { onDisk: !databaseUrl });
  // The PGlite template is migrated already; a fresh PostgreSQL schema is not.
  if (databaseUrl) await migrateToLatest(testDb.database.db, migrations);
  return {
    config: testDb.config,
    childDatabaseUrl: testDb.childDatabaseUrl,
    /** Where a child's job queue keeps its tables: beside this file's schema on PostgreSQL (dropped with it). */
    jobSchema: testDb.schema ? `${testDb.schema}_jobs` : 'pgboss',
    async withDb<T>(fn: (database: OpenDatabase) => Promise<T>): Promise<T> {
      if (databaseUrl) return fn(testDb.database);
      const database = await openDatabase({ dataDir: testDb.config.dataDir });
      try {
        return await fn(database);
      } finally {
        await database.close();
      }
    },
    drop: () => testDb.drop(),
  };
}
