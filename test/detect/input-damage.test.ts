import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DetectionEngine } from '../../src/detect/engine/engine.ts';
import type { TelemetryFormat } from '../../src/detect/engine/formats.ts';
import { IndicatorIndex } from '../../src/detect/engine/indicator-index.ts';
import { looksBinary } from '../../src/detect/engine/input-guard.ts';
import { splitQuotedRecord } from '../../src/detect/engine/csv-reader.ts';
import { scanStream } from '../../src/detect/scan.ts';
import { childEnv, repoRoot, runCli } from '../support/cli.ts';
import { tempDir } from '../support/config.ts';
import { createSharedTestDatabase } from '../support/runtime.ts';
import { bundle, indicator } from '../intel/fixtures.ts';

// Real Zeek JSON logs (see ../shared/data/telemetry/PROVENANCE.md); indicators are planted for hosts they contain.
const zeekLog = (log: string) => readFileSync(resolve(repoRoot, '../shared/data/telemetry/zeek-json', log));
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const index = new IndicatorIndex();
for (const [i, value] of ['qfhhbbmvrk.de', 'aol.com', 'ubuntu.com', 'free247downloads.com'].entries()) {
  index.add({ indicatorId: `indicator--${i}`, key: 'domain-name:value', value });
}
const engine = new DetectionEngine(index);

async function scan(bytes: Buffer, format?: TelemetryFormat) {
  const hits: [number, string][] = [];
  const stats = await scanStream(
    engine,
    Readable.from([bytes]),
    'k',
    (found) => void hits.push(...found.map((h): [number, string] => [h.line!, h.value])),
    undefined,
    format,
  );
  return { hits, stats };
}

describe('a broken CSV quote is one malformed line, not the end of the scan', () => {
  const csv = [
    'time,user,url,note',
    '1,amira,http://free247downloads.com/a',
    '2,omar,"http://free247downloads.com/b"broken',
    '3,lina,http://x.free247downloads.com/c,"a note',
    'on two lines"',
    '4,sami,http://free247downloads.com/d',
  ].join('\n');

  it('counts and reports the bad line and goes on with the next', async () => {
    const { hits, stats } = await scan(Buffer.from(csv));
    expect(stats).toMatchObject({ format: 'csv', lines: 4, malformed: 1 });
    expect(stats.firstMalformed).toEqual([{ line: 3, reason: expect.stringMatching(/^CSV: .*quote/i) }]);
    expect(hits).toEqual([
      [2, 'free247downloads.com'],
      [5, 'free247downloads.com'],
      [6, 'free247downloads.com'],
    ]);
  });

  it('splits quoted records as RFC 4180 says, and refuses misplaced quotes', () => {
    expect(splitQuotedRecord('1,"a, ""b""",,"x\ny"')).toEqual(['1', 'a, "b"', '', 'x\ny']);
    expect(splitQuotedRecord('"a",')).toEqual(['a', '']);
    expect(splitQuotedRecord('a,b"c')).toBeNull();
    expect(splitQuotedRecord('"a"b,c')).toBeNull();
    expect(splitQuotedRecord('"a')).toBeNull();
  });

  it('a quote never closed costs its own line only', async () => {
    const { hits, stats } = await scan(
      Buffer.from(`${csv}\n5,nour,"unterminated\n6,rami,http://free247downloads.com/e\n`),
    );
    expect(stats).toMatchObject({ lines: 6, malformed: 2 });
    expect(stats.firstMalformed[1]).toEqual({ line: 7, reason: 'CSV: a quoted field is not closed' });
    expect(hits.at(-1)).toEqual([8, 'free247downloads.com']);
  });
});

describe('a UTF-8 byte-order mark is stripped once, for every format', () => {
  it('NDJSON (a real Zeek JSON dns.log): the first line is not lost', async () => {
    const plain = await scan(zeekLog('dns.log'));
    const withBom = await scan(Buffer.concat([BOM, zeekLog('dns.log')]));
    expect(plain.hits[0]).toEqual([1, 'qfhhbbmvrk.de']);
    expect(withBom.hits).toEqual(plain.hits);
    expect(withBom.stats).toMatchObject({ lines: plain.stats.lines, malformed: 0 });
    expect((await scan(Buffer.concat([BOM, zeekLog('dns.log')]), 'zeek-json')).hits).toEqual(plain.hits);
  });

  it('Zeek TSV with a non-tab #separator', async () => {
    const tsv = ['#separator \\x7c', '#fields|ts|id.orig_h|query', '1|10.0.0.1|qfhhbbmvrk.de', '2|10.0.0.2|a.de'].join(
      '\n',
    );
    const { hits, stats } = await scan(Buffer.concat([BOM, Buffer.from(tsv)]));
    expect(stats).toMatchObject({ format: 'zeek-tsv', lines: 2, malformed: 0 });
    expect(hits).toEqual([[3, 'qfhhbbmvrk.de']]);
  });

  it('CSV: the first column keeps its name', async () => {
    const { hits } = await scan(Buffer.concat([BOM, Buffer.from('query,user\nqfhhbbmvrk.de,amira\n')]), 'csv');
    expect(hits).toEqual([[2, 'qfhhbbmvrk.de']]);
  });
});

describe('binary content is recognised', () => {
  it('NUL bytes or many control characters', async () => {
    expect(looksBinary(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]))).toBe(true);
    expect(looksBinary(zeekLog('http.log'))).toBe(false);
    const { stats } = await scan(Buffer.from('{"query":"qfhhbbmvrk.de"}\n\u0000\u0001\u0002'));
    expect(stats.binary).toBe(true);
  });
});

describe('accord scan on damaged input', () => {
  let shared: Awaited<ReturnType<typeof createSharedTestDatabase>>;
  let env: Record<string, string>;
  const dir = tempDir();
  const file = (name: string, bytes: Buffer | string) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };

  beforeAll(async () => {
    shared = await createSharedTestDatabase();
    env = childEnv(shared.config, shared.childDatabaseUrl);
    const intel = file('planted.json', JSON.stringify(bundle(indicator('aol.com'), indicator('ubuntu.com'))));
    expect((await runCli(['intel', 'import', intel], env)).code).toBe(0);
  }, 90_000);
  afterAll(() => shared?.drop());

  it('a truncated gzip names the file and the offset, writes the hits found before it, and exits non-zero', async () => {
    const gz = gzipSync(zeekLog('http.log'));
    const cut = file('http.log.gz', gz.subarray(0, Math.floor(gz.length / 2)));
    const out = join(dir, 'hits.ndjson');
    const result = await runCli(['scan', cut, '--out', out], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error: ${cut}: the input failed at byte ${Math.floor(gz.length / 2)}`);
    expect(result.stderr).toMatch(/unexpected end of file/);
    const hits = readFileSync(out, 'utf8').trim().split('\n');
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => (JSON.parse(h) as { value: string }).value === 'aol.com')).toBe(true);
  }, 120_000);

  it('a binary file exits non-zero and says it is binary', async () => {
    const binary = file('capture.pcap', Buffer.from([0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    const result = await runCli(['scan', binary], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${binary} is binary content`);
  }, 120_000);

  it('every line malformed (the wrong --format) exits non-zero with the count and the format tried', async () => {
    const log = file('http.ndjson', zeekLog('http.log'));
    const lines = zeekLog('http.log').toString().trim().split('\n').length;
    const result = await runCli(['scan', log, '--format', 'zeek-tsv'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`all ${lines} lines are malformed as zeek-tsv`);
    expect((await runCli(['scan', log], env)).code).toBe(4);
  }, 120_000);
});
