import { describe, expect, it } from 'vitest';
import { SourceText } from '../sources/stix-stream.ts';
import { PreparePool } from './prepare-pool.ts';
import { prepareRecord } from './prepare.ts';
import { packRecords, unpackRecords } from './prepared-wire.ts';

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

describe('preparing records', () => {
  it('gives the same results packed for another thread as here', () => {
    const here = texts.map((t) => prepareRecord(t, IMPORT));
    expect(unpackRecords(packRecords(here))).toEqual(here);
    expect(here.map((r) => r.ok)).toEqual([true, true, true, true, true, false, false]);
    const [tabbed, revoked, complex, yara] = here.map((r) => (r.ok ? r.version : undefined));
    // COPY text escapes the tab and the backslash inside the value.
    expect(tabbed!.values).toEqual([`indicator--${id(1)}\tfile:name\ttab\\tand\\\\back.txt`]);
    expect(revoked).toMatchObject({ revoked: true, fraction: '0000016', precision: 7 });
    expect(revoked!.markingRefs).toEqual([`marking-definition--${id(9)}`]);
    expect(complex!.indicatorKey).toBe('complex');
    expect(yara!.indicatorKey).toBe('non-stix');
    // The object is stored as the source wrote it.
    expect(tabbed!.row.split('\t')[6]).toBe(records[0]!.replace(/\\/g, '\\\\'));
  });

  it('refuses what is not JSON, saying where it starts', () => {
    const last = prepareRecord(texts[6]!, IMPORT);
    expect(last).toMatchObject({ ok: false, reason: expect.stringMatching(/^not valid JSON at byte 600: /) });
  });

  it('on worker threads, chunk by chunk, as here', async () => {
    const pool = new PreparePool(2);
    try {
      const chunks = await Promise.all([texts, texts.slice(2), texts.slice(0, 1)].map((c) => pool.prepare(c, IMPORT)));
      expect(chunks).toEqual(
        [texts, texts.slice(2), texts.slice(0, 1)].map((c) => c.map((t) => prepareRecord(t, IMPORT))),
      );
    } finally {
      await pool.close();
    }
  });

  it('a pool that is closed refuses further work instead of hanging', async () => {
    const pool = new PreparePool(1);
    await pool.close();
    await expect(pool.prepare(texts, IMPORT)).rejects.toThrow(/closed/);
  });
});
