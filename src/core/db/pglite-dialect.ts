import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';
import { Mutex } from './mutex.ts';
import { CurrentSchemaIntrospector } from './current-schema-introspector.ts';

/**
 * Kysely dialect for the embedded PGlite database.
 *
 * PGlite is a single session, so the driver hands out one connection at a time: a transaction
 * holds the mutex from BEGIN to COMMIT and every other query waits its turn.
 */
export class PGliteDialect implements Dialect {
  readonly #driver: PGliteDriver;

  constructor(pglite: PGlite) {
    this.#driver = new PGliteDriver(pglite);
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return this.#driver;
  }
  /** Runs raw SQL outside Kysely (the job queue's adapter) under the same one-at-a-time rule. */
  runExclusive<T>(work: (pglite: PGlite) => Promise<T>): Promise<T> {
    return this.#driver.runExclusive(work);
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
}

class PGliteDriver implements Driver {
  readonly #mutex = new Mutex();
  readonly #connection: PGliteConnection;

  constructor(pglite: PGlite) {
    this.#connection = new PGliteConnection(pglite);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  /** The PGlite instance belongs to whoever opened it; closing Kysely leaves it open. */
  async destroy(): Promise<void> {}

  async runExclusive<T>(work: (pglite: PGlite) => Promise<T>): Promise<T> {
    await this.#mutex.lock();
    try {
      return await work(this.#connection.pglite);
    } finally {
      this.#mutex.unlock();
    }
  }
}

class PGliteConnection implements DatabaseConnection {
  constructor(readonly pglite: PGlite) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pglite.query<R>(compiled.sql, [...compiled.parameters]);
    return {
      rows: result.rows,
      ...(result.affectedRows !== undefined ? { numAffectedRows: BigInt(result.affectedRows) } : {}),
    };
  }

  // eslint-disable-next-line require-yield -- PGlite has no cursors; Kysely only needs the method to exist
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not supported on the embedded database');
  }
}
