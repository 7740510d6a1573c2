import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeValue } from '../../intel/values/normalize.ts';
import { scanStream } from '../scan.ts';
import { DomainFilter, nameHash } from './domain-filter.ts';
import { DetectionEngine } from './engine.ts';
import { IndicatorIndex } from './indicator-index.ts';
import { DEFAULT_MAPPING, readNdjson } from './ndjson-reader.ts';
import { NeedleSearch } from './needle-search.ts';

const index = new IndicatorIndex();
for (const [i, value] of ['evil.com', 'c2.mal.net', 'bücher.example', 'x_y.example'].entries()) {
  index.add({
    indicatorId: `indicator--${i}`,
    key: 'domain-name:value',
    value: normalizeValue('domain-name:value', value)!,
  });
}
index.add({ indicatorId: 'indicator--ip', key: 'ipv4-addr:value', value: '198.51.100.7' });
const engine = new DetectionEngine(index);

describe('needle search', () => {
  const data = Buffer.from('{"qtype":"A","query":"a"}\n{"qtype":"A"}\n{"query" :"b","query":"c"}\n');
  const needle = new NeedleSearch(Buffer.from('"query":'), data);
  it('finds near and far occurrences, and says when there are none', () => {
    expect(needle.findFar(data, 0)).toBe(data.indexOf('"query":'));
    expect(needle.findFar(data, 20)).toBe(data.lastIndexOf('"query":'));
    expect(needle.findNear(data, 0, 10)).toBe(-1);
    expect(needle.findFar(data, data.length - 3)).toBe(-1);
    expect(new NeedleSearch(Buffer.from('"server_name":'), data).findFar(data, 0)).toBe(-1);
  });
});

describe('domain filter', () => {
  const filter = new DomainFilter();
  filter.add('evil.com');
  const walk = (name: string) => filter.walk(Buffer.from(name, 'latin1'), 0, Buffer.byteLength(name, 'latin1'));
  it('probes every suffix that starts a label, folding case', () => {
    expect(walk('a.b.EVIL.com')).toBe(1);
    expect(walk('evil.com')).toBe(1);
    expect(walk('example.org')).toBe(0);
  });
  it('leaves what is not a plain name to the slow path', () => {
    expect(walk('evil.com.')).toBe(-1);
    expect(walk('b\u00fccher.example')).toBe(-1);
  });
  it('says "maybe" for a suffix it holds even after an escape, for the caller to settle', () => {
    expect(walk('a\\u0041.evil.com')).toBe(1);
    const bytes = Buffer.from('a\\u0041.evil.com');
    expect(index.domainBytesMightMatch(bytes, 0, bytes.length)).toBe(true);
  });
  it('hashes a name as the byte walk does', () => {
    expect(nameHash('evil.com')).not.toBe(nameHash('evil.con'));
  });
  it('grows without forgetting', () => {
    const big = new DomainFilter();
    for (let i = 0; i < 20_000; i++) big.add(`d${i}.example`);
    const name = Buffer.from('www.d123.example');
    expect(big.walk(name, 0, name.length)).toBe(1);
  });
});

/** What a full parse of every line finds: the reference the fast path must agree with. */
function reference(text: string) {
  const stats = { lines: 0, malformed: 0, firstMalformed: [] };
  return readNdjson(text, stats, DEFAULT_MAPPING, 1).flatMap((o) =>
    engine.match(o, 'k', new Date(0)).map((h) => `${h.eventKey}:${h.value}`),
  );
}

async function fast(chunks: Buffer[]) {
  const found: string[] = [];
  const stats = await scanStream(engine, Readable.from(chunks), 'k', (hits) => {
    for (const h of hits) found.push(`${h.eventKey}:${h.value}`);
  });
  return { found, stats };
}

const names = fc.constantFrom(
  'evil.com',
  'WWW.Evil.Com',
  'notevil.com',
  'evil.com.example.org',
  'a.c2.mal.net',
  'xn--bcher-kva.example',
  'b\u00fccher.example',
  'x_y.example',
  'evil\\u002ecom',
  'a\\u0041.evil.com',
  '\\u0065vil.com',
  'A\\u0041.notevil.com',
  'benign.example.org',
  'evil.com.',
);
const line = fc.record({
  name: names,
  field: fc.constantFrom('query', 'qname', 'host', 'server_name', 'hostname', 'other'),
  space: fc.constantFrom('', ' '),
  ip: fc.constantFrom('198.51.100.7', '192.0.2.1'),
  broken: fc.boolean(),
});

describe('the NDJSON first pass', () => {
  it('finds exactly what a full parse finds, however the input is cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 64 }),
        async (records, size) => {
          const text = records
            .map((r) =>
              r.broken
                ? '{"query": "evil.com"'
                : `{"ts":1,"user":"u","${r.field}":${r.space}"${r.name}","dst":"${r.ip}"}`,
            )
            .join('\n');
          const bytes = Buffer.from(text);
          const chunks: Buffer[] = [];
          for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
          const { found, stats } = await fast(chunks);
          expect(found).toEqual(reference(text));
          expect(stats.lines).toBe(records.length);
          expect(stats.malformed).toBe(records.filter((r) => r.broken).length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
