import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanStream } from '../scan.ts';
import { DetectionEngine } from './engine.ts';
import { IndicatorIndex } from './indicator-index.ts';
import { ZeekTsvReader } from './zeek-tsv.ts';

const index = new IndicatorIndex();
index.add({ indicatorId: 'indicator--d', key: 'domain-name:value', value: 'evil.com' });
index.add({ indicatorId: 'indicator--ip', key: 'ipv4-addr:value', value: '198.51.100.0/24' });
const engine = new DetectionEngine(index);

const header = [
  '#separator \\x09',
  '#set_separator\t,',
  '#empty_field\t(empty)',
  '#unset_field\t-',
  '#path\tdns',
  '#fields\tts\tuid\tid.orig_h\tid.resp_h\tquery\tanswers',
  '#types\ttime\tstring\taddr\taddr\tstring\tvector[string]',
];

const record = fc.record({
  query: fc.constantFrom('evil.com', 'A.EVIL.COM', 'notevil.com', 'a\\x09b.evil.com', '-', '(empty)', 'x.example'),
  resp: fc.constantFrom('198.51.100.9', '192.0.2.1', '-'),
  columns: fc.constantFrom(6, 6, 6, 5, 7),
});

describe('the Zeek TSV first pass', () => {
  it('finds exactly what the full reader finds, malformed records included, however the input is cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 80 }),
        async (records, size) => {
          const rows = records.map((r, i) =>
            ['1700000000.5', `C${i}`, '10.0.0.1', r.resp, r.query, '-', 'extra'].slice(0, r.columns).join('\t'),
          );
          const text = [...header, ...rows, '#close\t2025-01-01-00-00-00'].join('\n');
          const stats = { lines: 0, malformed: 0, firstMalformed: [] };
          const expected = new ZeekTsvReader()
            .read(text, stats, 1)
            .flatMap((o) => engine.match(o, 'k', new Date(0)).map((h) => `${h.eventKey} ${h.value}`));
          const bytes = Buffer.from(text);
          const chunks: Buffer[] = [];
          for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
          const found: string[] = [];
          const fast = await scanStream(engine, Readable.from(chunks), 'k', (hits) => {
            for (const h of hits) found.push(`${h.eventKey} ${h.value}`);
          });
          expect(fast.format).toBe('zeek-tsv');
          expect(found).toEqual(expected);
          expect({ lines: fast.lines, malformed: fast.malformed, first: fast.firstMalformed }).toEqual({
            lines: stats.lines,
            malformed: stats.malformed,
            first: stats.firstMalformed,
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
