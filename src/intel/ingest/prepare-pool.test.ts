import { describe, expect, it } from 'vitest';
import { ElementGroup, SourceText } from '../sources/stix-stream.ts';
import { PreparePool } from './prepare-pool.ts';
import { prepareRecord } from './prepare.ts';
import { CopyParts } from './copy-parts.ts';
import { decodeChunk, prepareChunk, stampRow, stampValues, type PreparedChunk } from './prepared-chunk.ts';

const T = '2026-01-01T00:00:00.000Z';
const IMPORT = '5b7f8a1e-0c1d-4e2f-9a3b-4c5d6e7f8a9b';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const records = [
  {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${id(1)}`,
    created: T,
    modified: T,
    pattern: "[file:name = 'tab\tand\\\\back.txt']",
    pattern_type: 'stix',
    valid_from: T,
  },
  {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${id(2)}`,
    created: T,
    modified: '2026-01-01T00:00:00.0000016Z',
    revoked: true,
    pattern: "[ipv4-addr:value = '10.0.0.1' OR domain-name:value = 'b.example']",
    pattern_type: 'stix',
    valid_from: T,
    object_marking_refs: ['marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da', `marking-definition--${id(9)}`],
  },
  {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${id(3)}`,
    created: T,
    modified: T,
    pattern: '[file:size > 10] FOLLOWEDBY [file:size < 5]',
    pattern_type: 'stix',
    valid_from: T,
  },
  {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${id(4)}`,
    created: T,
    modified: T,
    pattern: 'rule x { condition: true }',
    pattern_type: 'yara',
    valid_from: T,
  },
  {
    type: 'malware',
    spec_version: '2.1',
    id: `malware--${id(5)}`,
    created: T,
    modified: T,
    name: 'Ünïcode\nname',
    is_family: true,
  },
  {
    type: 'indicator',
    spec_version: '2.1',
    id: 'indicator--not-a-uuid',
    created: T,
    modified: T,
    pattern: "[domain-name:value = 'x']",
    pattern_type: 'stix',
    valid_from: T,
  },
].map((o) => JSON.stringify(o));
const texts = [...records, '{"type": "indicator", "id": }'].map((text, i) => new SourceText(text, i * 100));

/** Elements as a reader hands them over. */
function groupOf(list: readonly SourceText[]): ElementGroup {
  const parts = list.map((t) => Buffer.from(t.text));
  let at = 0;
  const ends = Int32Array.from(parts, (p) => (at += p.length));
  return new ElementGroup(
    Buffer.concat(parts),
    ends,
    Float64Array.from(list, (t) => t.offset),
  );
}

/** Binary COPY rows back into their fields (null fields as null). */
function binaryRows(bytes: Buffer): (Buffer | null)[][] {
  const out: (Buffer | null)[][] = [];
  for (let at = 0; at < bytes.length;) {
    const count = bytes.readInt16BE(at);
    at += 2;
    const fields: (Buffer | null)[] = [];
    for (let i = 0; i < count; i++) {
      const length = bytes.readInt32BE(at);
      at += 4;
      fields.push(length < 0 ? null : bytes.subarray(at, (at += length)));
    }
    out.push(fields);
  }
  return out;
}

const plain = (c: PreparedChunk) => ({
  ...c,
  rows: Buffer.from(c.rows).toString('hex'),
  values: Buffer.from(c.values).toString('utf8'),
  rowStarts: [...c.rowStarts],
  valueStarts: [...c.valueStarts],
});

describe('preparing records', () => {
  it('gives rows ready for COPY and what the storing thread decides on', () => {
    const here = texts.map((t) => prepareRecord(t));
    expect(here.map((r) => r.ok)).toEqual([true, true, true, true, true, false, false]);
    let slot = 0;
    expect(
      decodeChunk(prepareChunk(texts.length, (i) => texts[i], IMPORT)).map((r) =>
        r.ok ? { ok: true, version: { ...r.version, chunk: undefined } } : r,
      ),
    ).toEqual(
      here.map((r) => {
        if (!r.ok) return r;
        const { object: _object, json: _json, version: _version, values: _values, ...facts } = r.version;
        return { ok: true, version: { ...facts, slot: slot++ } };
      }),
    );
    const [tabbed, revoked, complex, yara] = here.map((r) => (r.ok ? r.version : undefined));
    // COPY text escapes the tab and the backslash inside the value.
    expect(tabbed!.values).toEqual([`indicator--${id(1)}\tfile:name\ttab\\tand\\\\back.txt`]);
    expect(revoked).toMatchObject({ revoked: true, fraction: '0000016', precision: 7 });
    expect(revoked!.markingRefs).toEqual([`marking-definition--${id(9)}`]);
    expect(complex!.indicatorKey).toBe('complex');
    expect(yara!.indicatorKey).toBe('non-stix');
    // The object is stored as the source wrote it.
    expect(tabbed!.json).toBe(records[0]);
  });

  it('stamps each row with its sequence number and latest flag in place, and joins neighbouring rows', () => {
    const here = texts.map((t) => prepareRecord(t));
    const staged = decodeChunk(prepareChunk(texts.length, (i) => texts[i], IMPORT)).flatMap((r) =>
      r.ok ? [r.version] : [],
    );
    const rows = new CopyParts();
    const values = new CopyParts();
    staged.forEach((v, i) => {
      rows.add(stampRow(v, 9_007_199_254_740_000 + i, i !== 1));
      values.add(stampValues(v, 42 + i));
    });
    expect(rows.parts).toHaveLength(1);
    const accepted = here.flatMap((r) => (r.ok ? [r.version] : []));
    const written = binaryRows(Buffer.concat(rows.parts));
    expect(written.map((fields) => [fields[0]!.readBigInt64BE(), fields[1]![0]])).toEqual(
      accepted.map((_, i) => [9_007_199_254_740_000n + BigInt(i), i === 1 ? 0 : 1]),
    );
    expect(written.map((fields) => fields[8]!.toString('utf8'))).toEqual(accepted.map((v) => v.json));
    expect(Buffer.concat(values.parts).toString('utf8')).toBe(
      accepted.flatMap((v, i) => v.values.map((value) => `${String(42 + i).padStart(19, '0')}\t${value}\n`)).join(''),
    );
  });

  it('refuses what is not JSON, saying where it starts', () => {
    expect(groupOf(texts).text(6)).toEqual(texts[6]);
    const last = prepareRecord(groupOf(texts).text(6));
    expect(last).toMatchObject({ ok: false, reason: expect.stringMatching(/^not valid JSON at byte 600: /) });
  });

  it('on worker threads, chunk by chunk, as here', async () => {
    const pool = new PreparePool(2);
    const lists = [texts, texts.slice(2), texts.slice(0, 1)];
    try {
      const chunks = await Promise.all(lists.map((c) => pool.prepare(groupOf(c), IMPORT)));
      expect(chunks.map(plain)).toEqual(lists.map((c) => plain(prepareChunk(c.length, (i) => c[i], IMPORT))));
    } finally {
      await pool.close();
    }
  });

  it('a pool that is closed refuses further work instead of hanging', async () => {
    const pool = new PreparePool(1);
    await pool.close();
    await expect(pool.prepare(groupOf(texts), IMPORT)).rejects.toThrow(/closed/);
  });
});
