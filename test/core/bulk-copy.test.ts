import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../src/core/db/open.ts';
import { databaseUrl } from '../support/env.ts';

// COPY through the bulk session: PostgreSQL streams it; PGlite reads a file it is handed in its data directory.
const dir = mkdtempSync(join(tmpdir(), 'accord-bulk-'));
let database: OpenDatabase;
const table = `bulk_copy_${process.pid}`;
beforeAll(async () => {
  if (!databaseUrl) {
    // A file left by a process that stopped mid-COPY is removed when COPY is first used.
    const { PGlite } = await import('@electric-sql/pglite');
    await (await PGlite.create(join(dir, 'db'))).close();
    writeFileSync(join(dir, 'db', 'accord-copy-left-over.tmp'), 'x');
  }
  database = await openDatabase({ dataDir: dir, ...(databaseUrl ? { databaseUrl } : {}) });
  await database.rawSql(`create table ${table} (n int, t text)`);
}, 60_000);
afterAll(async () => {
  await database?.rawSql(`drop table if exists ${table}`);
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

const rows = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `${from + i}\tname ${from + i} \\t ünïcode '"\n`).join('');

describe('COPY in a bulk session', () => {
  it('takes text or UTF-8 parts, commits with the transaction, and leaves no file behind', async () => {
    await database.bulk(async (s) => {
      await s.copyIn(`copy ${table} (n, t) from stdin`, rows(0, 1000));
      const bytes = Buffer.from(rows(1000, 1000));
      await s.copyIn(`copy ${table} (n, t) from stdin`, [bytes.subarray(0, 7), bytes.subarray(7)]);
    });
    const { rows: found } = await database.rawSql(`select count(*)::int as n, max(t) as t from ${table}`);
    expect(found[0]).toEqual({ n: 2000, t: 'name 999 \t ünïcode \'"' });
    if (!databaseUrl) expect(readdirSync(join(dir, 'db')).filter((f) => f.startsWith('accord-copy-'))).toEqual([]);
  });

  it('a failing COPY rolls back the transaction and leaves no file behind', async () => {
    await expect(
      database.bulk(async (s) => {
        await s.copyIn(`copy ${table} (n, t) from stdin`, rows(5000, 10));
        await s.copyIn(`copy ${table} (n, t) from stdin`, 'not a number\tx\n');
      }),
    ).rejects.toThrow(/invalid input syntax/);
    const { rows: found } = await database.rawSql(`select count(*)::int as n from ${table} where n >= 5000`);
    expect(found[0]).toEqual({ n: 0 });
    if (!databaseUrl) expect(readdirSync(join(dir, 'db')).filter((f) => f.startsWith('accord-copy-'))).toEqual([]);
  });
});

describe.skipIf(Boolean(databaseUrl))('COPY into PGlite when its data directory is not where we think', () => {
  it('falls back to handing the data over as a blob', async () => {
    const other = mkdtempSync(join(tmpdir(), 'accord-bulk-elsewhere-'));
    const { PGlite } = await import('@electric-sql/pglite');
    const pglite = await PGlite.create(join(other, 'db'));
    // Told the wrong data directory: the probe file never shows up, so COPY goes through /dev/blob.
    const wrong = await openDatabase({ dataDir: dir, pglite });
    try {
      await wrong.rawSql('create table elsewhere (n int, t text)');
      await wrong.bulk((s) => s.copyIn('copy elsewhere (n, t) from stdin', rows(0, 10)));
      expect((await wrong.rawSql('select count(*)::int as n from elsewhere')).rows[0]).toEqual({ n: 10 });
      expect(existsSync(join(dir, 'db'))).toBe(true);
      expect(readdirSync(join(dir, 'db')).filter((f) => f.startsWith('accord-copy-'))).toEqual([]);
    } finally {
      await wrong.close();
      await pglite.close();
      rmSync(other, { recursive: true, force: true });
    }
  });
});
