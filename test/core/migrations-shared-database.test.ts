import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../src/core/db/open.ts';
import { migrateToLatest } from '../../src/core/db/migrate.ts';
import { jobSchemaFor } from '../../src/core/jobs/job-schema.ts';
import { migrations } from '../../src/modules.ts';
import { openRuntime } from '../../src/runtime.ts';
import { createTestDatabase, type TestDatabase } from '../support/runtime.ts';
import { databaseUrl, uniqueName } from '../support/env.ts';

// Several installations (or test files) may share one PostgreSQL database, each in its own schema.
let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
  await migrateToLatest(testDb.database.db, migrations);
});
afterAll(() => testDb?.drop());

it('introspection sees only the connection’s own schema', async () => {
  const tables = await testDb.database.db.introspection.getTables({ withInternalKyselyTables: true });
  expect(tables.length).toBeGreaterThan(10);
  const schemas = new Set(tables.map((t) => t.schema));
  expect(schemas.size).toBe(1);
  expect(tables.map((t) => t.name)).toContain('kysely_migration');
  const visible = await testDb.database.db.introspection.getTables();
  expect(visible.map((t) => t.name)).not.toContain('kysely_migration');
});

it.skipIf(!databaseUrl)('migrating is not disturbed by other schemas being created and dropped meanwhile', async () => {
  const admin = await openDatabase({ databaseUrl, dataDir: testDb.config.dataDir });
  const churning = { on: true };
  // Another installation creating and dropping schemas with tables, as test files do beside each other.
  const churn = (async () => {
    while (churning.on) {
      const other = uniqueName('churn');
      await sql`create schema ${sql.id(other)}`.execute(admin.db);
      await sql`create table ${sql.id(other, 'x')} (id serial primary key, v text)`.execute(admin.db);
      await sql`drop schema ${sql.id(other)} cascade`.execute(admin.db);
    }
  })();
  const fresh: OpenDatabase[] = [];
  try {
    for (let i = 0; i < 40; i++) {
      const schema = uniqueName('mig');
      await sql`create schema ${sql.id(schema)}`.execute(admin.db);
      const db = await openDatabase({ databaseUrl, dataDir: testDb.config.dataDir, searchPath: schema, poolSize: 2 });
      fresh.push(db);
      await sql`select 1`.execute(db.db);
      // Kysely's migrator introspects before it creates its tables; that is where the race used to fail.
      await db.db.introspection.getTables({ withInternalKyselyTables: true });
      await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db);
    }
  } finally {
    churning.on = false;
    await churn;
    for (const db of fresh) await db.close();
    await admin.close();
  }
});

it('an installation in a schema of its own keeps its job queue beside it; one in public uses pgboss', async () => {
  expect(await jobSchemaFor(testDb.database.db)).toBe(testDb.schema ? `${testDb.schema}_jobs` : 'pgboss');
  const runtime = await openRuntime(testDb.config, { work: false, database: testDb.database });
  try {
    const { rows } = await sql<{ name: string }>`select schema_name as name from information_schema.schemata
      where schema_name = ${testDb.schema ? `${testDb.schema}_jobs` : 'pgboss'}`.execute(runtime.ctx.db);
    expect(rows).toHaveLength(1);
  } finally {
    await runtime.close();
  }
});
