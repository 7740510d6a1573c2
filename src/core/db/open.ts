import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql, type DatabaseIntrospector } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import { lockDataDir } from './embedded-lock.ts';
import { describeConnectionError } from './connection-errors.ts';
import { CurrentSchemaIntrospector } from './current-schema-introspector.ts';
import { pgliteBulk, postgresBulk, type BulkRunner } from './bulk.ts';

/** Runs raw SQL outside Kysely (the job queue needs this); multi-statement text is allowed without values. */
export type RawSql = (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;

export interface OpenDatabase {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Kysely<Database>;
  readonly rawSql: RawSql;
  /** A transaction with COPY, for bulk loads. */
  readonly bulk: BulkRunner;
  /** Where the data lives, for messages: a directory or a URL without its password. */
  readonly location: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  poolSize?: number;
  /** PostgreSQL only: the schema to use, for tests that share one database. */
  searchPath?: string;
  /** PGlite only: open this instance rather than the data directory (tests). */
  pglite?: PGlite;
}

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite database in `dataDir/db`. */
export async function openDatabase(options: OpenOptions): Promise<OpenDatabase> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPglite(options);
}

async function openPglite(options: OpenOptions): Promise<OpenDatabase> {
  let unlock = () => {};
  let pglite = options.pglite;
  const dir = resolve(options.dataDir, 'db');
  if (!pglite) {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    unlock = lockDataDir(options.dataDir);
    try {
      // A new WAL segment need not be written full of zeros first (that doubled the writes of a big import); PGlite
      // runs with fsync off, so pre-allocating the file bought nothing.
      pglite = await PGlite.create(dir, { postgresqlconf: ['wal_init_zero = off'] });
    } catch (error) {
      unlock();
      throw error;
    }
  }
  const dialect = new PGliteDialect(pglite);
  const db = new Kysely<Database>({ dialect });
  const instance = pglite;
  return {
    kind: 'pglite',
    db,
    location: join(options.dataDir, 'db'),
    rawSql: (text, values) => dialect.runExclusive((p) => runPglite(p, text, values)),
    bulk: pgliteBulk((work) => dialect.runExclusive(work), dir),
    async close() {
      await db.destroy();
      if (!options.pglite) await instance.close();
      unlock();
    },
  };
}

async function runPglite(p: PGlite, text: string, values?: unknown[]) {
  if (values && values.length > 0) return p.query(text, values);
  const results = await p.exec(text);
  return results[results.length - 1] ?? { rows: [] };
}

async function openPostgres(url: string, options: OpenOptions): Promise<OpenDatabase> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 10_000,
    // Both engines must hand back the same JS types: int8 (count(*), bigint) as numbers.
    types: { getTypeParser: (oid, format) => (oid === 20 ? Number : pg.types.getTypeParser(oid, format)) },
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  });
  // A client losing its connection must not crash the process; queries report it instead. The pool listens on
  // idle clients only: one checked out (a bulk load's transaction, a Kysely query) emits 'error' with nobody
  // listening, an uncaught exception, unless each client has a listener of its own. Its queries fail anyway, and
  // the pool drops it when it is released.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new SchemaScopedPostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw describeConnectionError(error, redactUrl(url));
  }
  return {
    kind: 'postgres',
    db,
    location: redactUrl(url),
    rawSql: (text, values) => pool.query(text, values),
    bulk: postgresBulk(pool),
    close: () => db.destroy(),
  };
}

/** PostgreSQL whose introspection (the migrator's) stays inside the connection's schema; see the introspector. */
class SchemaScopedPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db);
  }
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable)';
  }
}
