import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BinaryCopyWriter,
  COPY_BINARY_HEADER,
  COPY_BINARY_TRAILER,
  timestamptzMicros,
  uuidBytes,
} from '../../src/core/db/copy-binary.ts';
import { openDatabase, type OpenDatabase } from '../../src/core/db/open.ts';
import { databaseUrl, uniqueName } from '../support/env.ts';

// COPY through the bulk session: PostgreSQL streams it; PGlite reads a file it is handed in its data directory.
const dir = mkdtempSync(join(tmpdir(), 'accord-bulk-'));
let database: OpenDatabase;
// Unique per run: on a PostgreSQL database kept between runs, process ids repeat.
const table = uniqueName('bulk_copy');
const binTable = uniqueName('bin');
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
  await database?.rawSql(`drop table if exists ${binTable}`);
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

describe('binary COPY', () => {
  it('stores every type as the database reads its text', async () => {
    await database.rawSql(
      `create table ${binTable} (n bigint, b boolean, t text, j json, jb jsonb, i int, ts timestamptz, u uuid)`,
    );
    const w = new BinaryCopyWriter();
    const texts = ['plain', 'tab\tnew\nline \\ ünïcode 😀', ''];
    texts.forEach((t, k) => {
      w.row(8);
      w.int8(2 ** 53 - 1 - k);
      w.bool(k % 2 === 0);
      w.text(t);
      w.json(JSON.stringify({ t }));
      w.jsonb(JSON.stringify([t]));
      w.int4(k === 1 ? null : (k - 1) * 7);
      w.timestamptz(timestamptzMicros('2026-01-01T00:00:00.123456Z'));
      w.uuid(uuidBytes('5b7f8a1e-0c1d-4e2f-9a3b-4c5d6e7f8a9b'));
    });
    await database.bulk((s) =>
      s.copyIn(`copy ${binTable} from stdin with (format binary)`, [
        COPY_BINARY_HEADER,
        w.bytes(),
        COPY_BINARY_TRAILER,
      ]),
    );
    const { rows: found } = await database.rawSql(
      `select n::text as n, b, t, j::text as j, jb, i, ts = '2026-01-01T00:00:00.123456Z' as ts, u::text as u
         from ${binTable} order by n desc`,
    );
    expect(found).toEqual(
      texts.map((t, k) => ({
        n: String(2 ** 53 - 1 - k),
        b: k % 2 === 0,
        t,
        j: JSON.stringify({ t }),
        jb: [t],
        i: k === 1 ? null : (k - 1) * 7,
        ts: true,
        u: '5b7f8a1e-0c1d-4e2f-9a3b-4c5d6e7f8a9b',
      })),
    );
    await database.rawSql(`drop table ${binTable}`);
  });

  it('reads a STIX timestamp to the microsecond the database does: rounding, leap seconds, any year', async () => {
    const samples = [
      '2026-01-01T00:00:00Z',
      '2026-01-01T00:00:00.000Z',
      '1970-01-01T00:00:00Z',
      '1969-12-31T23:59:59.999999Z',
      '2000-01-01T00:00:00Z',
      '0001-01-01T00:00:00Z',
      '0099-03-01T12:00:00Z',
      '1900-02-28T23:59:59Z',
      '2000-02-29T00:00:00Z',
      '9999-12-31T23:59:59.999999Z',
      '2016-12-31T23:59:60Z',
      '2026-01-01T00:00:00.0000005Z',
      '2026-01-01T00:00:00.0000015Z',
      '2026-01-01T00:00:00.0000025Z',
      '2026-01-01T00:00:00.0000009Z',
      '2026-01-01T00:00:00.0000016Z',
      '2026-01-01T00:00:00.9999995Z',
      '2026-01-01T23:59:59.99999999Z',
      '2026-06-15T08:30:45.12345678901234Z',
    ];
    // And random ones, with up to nine fractional digits.
    for (let k = 0; k < 300; k++) {
      const ms = Math.floor(Math.random() * 253_402_300_799_000);
      const digits = String(Math.floor(Math.random() * 1e9))
        .padStart(9, '0')
        .slice(0, 1 + (k % 9));
      samples.push(`${new Date(ms).toISOString().slice(0, 19)}.${digits}Z`);
    }
    const { rows } = await database.rawSql(
      `select ((extract(epoch from t::timestamptz) * 1000000)::numeric(30,0))::text as micros
         from unnest($1::text[]) with ordinality as x(t, i) order by i`,
      [samples],
    );
    expect(samples.map((t) => String(timestamptzMicros(t)))).toEqual(rows.map((r) => (r as { micros: string }).micros));
    // The database refuses a fraction within a leap second; STIX allows it: half a second into the next minute.
    expect(timestamptzMicros('2016-12-31T23:59:60.5Z')).toBe(timestamptzMicros('2017-01-01T00:00:00.5Z'));
    expect(timestamptzMicros('2016-12-31 23:59:60Z')).toBeNull();
  });
});
