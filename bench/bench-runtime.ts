// The runtime a benchmark measures: Accord's own, without jobs, on PostgreSQL in a schema of its own when
// DATABASE_URL is set (dropped again by close), else on PGlite in the given directory.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { loadConfig } from '../src/core/config/index.ts';
import { openDatabase } from '../src/core/db/open.ts';
import { createLogger } from '../src/core/log/logger.ts';
import { openRuntime } from '../src/runtime.ts';

export async function openBenchRuntime(work: string) {
  const config = loadConfig({
    ACCORD_DATA_DIR: work,
    ACCORD_MASTER_KEY: randomBytes(32).toString('base64'),
    ACCORD_LOG_LEVEL: 'warn',
    ACCORD_JOBS: 'false',
    ACCORD_PORT: '0',
  });
  const url = process.env.DATABASE_URL;
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const onAdmin = async (run: (admin: Awaited<ReturnType<typeof openDatabase>>) => Promise<unknown>) => {
    const admin = await openDatabase({ databaseUrl: url, dataDir: work });
    try {
      await run(admin);
    } finally {
      await admin.close();
    }
  };
  if (url) await onAdmin((admin) => sql`create schema ${sql.id(schema)}`.execute(admin.db));
  const database = url
    ? await openDatabase({ databaseUrl: url, dataDir: work, searchPath: schema })
    : await openDatabase({ dataDir: work });
  const runtime = await openRuntime(config, {
    work: false,
    database,
    jobSchema: `${schema}_jobs`,
    log: createLogger(config),
  });
  return {
    runtime,
    ctx: runtime.ctx,
    engine: url ? ('postgres' as const) : ('pglite' as const),
    async close() {
      await runtime.close();
      if (url)
        await onAdmin(async (admin) => {
          await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db);
          await sql`drop schema if exists ${sql.id(`${schema}_jobs`)} cascade`.execute(admin.db);
        });
      await database.close().catch(() => {});
    },
  };
}
