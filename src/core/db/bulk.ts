import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { PgliteCopyIn } from './pglite-copy.ts';

/**
 * One transaction on one connection, with COPY: for bulk loads (a million indicators), where COPY is several
 * times faster than INSERT and Kysely, which has no COPY, cannot help.
 */
export interface BulkSession {
  query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
  /**
   * Runs `copy <table> (<columns>) from stdin [with (format ...)]` with `data` in the format the statement names:
   * text, or bytes in parts (UTF-8 text, or binary COPY rows).
   */
  copyIn(statement: string, data: string | readonly Uint8Array[]): Promise<void>;
}

/** Runs `work` in a transaction of its own: committed when it resolves, rolled back when it throws. */
export type BulkRunner = <T>(work: (session: BulkSession) => Promise<T>) => Promise<T>;

export function postgresBulk(pool: pg.Pool): BulkRunner {
  return async (work) => {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query('begin');
      const result = await work({
        query: async <R>(text: string, values?: unknown[]) => ({
          rows: (await client.query(text, values)).rows as R[],
        }),
        copyIn: async (statement, data) => {
          await pipeline(Readable.from(typeof data === 'string' ? [data] : data), client.query(copyFrom(statement)));
        },
      });
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  };
}

/**
 * `exclusive` is the dialect's one-at-a-time gate: the embedded database is a single session. `dataDir`: where
 * the database keeps its files, as this process sees them (COPY input goes through a file there).
 */
export function pgliteBulk(
  exclusive: <T>(work: (pglite: PGlite) => Promise<T>) => Promise<T>,
  dataDir: string | undefined,
): BulkRunner {
  const copy = new PgliteCopyIn(dataDir);
  return (work) =>
    exclusive(async (pglite) => {
      await pglite.exec('begin');
      try {
        const result = await work({
          query: async <R>(text: string, values?: unknown[]) => ({ rows: (await pglite.query<R>(text, values)).rows }),
          copyIn: (statement, data) => copy.run(pglite, statement, data),
        });
        await pglite.exec('commit');
        return result;
      } catch (error) {
        await pglite.exec('rollback').catch(() => {});
        throw error;
      }
    });
}
