import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BundleFramingError, splitBundleObjects } from './bundle-splitter.ts';

async function split(chunks: (string | Buffer)[]) {
  const out: unknown[] = [];
  for await (const { text } of splitBundleObjects(chunks)) out.push(JSON.parse(text));
  return out;
}

/** The document cut into pieces at the given byte positions. */
function cut(doc: string, at: number[]): Buffer[] {
  const bytes = Buffer.from(doc);
  const points = [...new Set(at.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const p of points) {
    pieces.push(bytes.subarray(from, p));
    from = p;
  }
  pieces.push(bytes.subarray(from));
  return pieces;
}

describe('splitBundleObjects', () => {
  const tricky = {
    type: 'bundle',
    id: 'bundle--1',
    note: { objects: [{ not: 'these' }], text: 'a "quoted" \\ "objects": [ } ] {' },
    objects: [
      { type: 'indicator', pattern: "[file:name = 'a\\\\b\"c']", nested: { objects: [1, [2, { x: '}' }]] } },
      { type: 'note', content: 'Ünïcödé ✓ 𝔘 — \u0001 \n\t' },
      'a string',
      42,
      true,
      null,
      [1, 2],
    ],
    after: ['x'],
  };

  it('yields exactly the elements of the top-level objects array, however the bytes are cut', async () => {
    const doc = JSON.stringify(tricky, null, 2);
    expect(await split([doc])).toEqual(tricky.objects);
    // Every single cut position, including inside escapes and multi-byte characters.
    for (let i = 0; i <= Buffer.byteLength(doc); i++) {
      expect(await split(cut(doc, [i]))).toEqual(tricky.objects);
    }
    expect(await split(cut(JSON.stringify(tricky), [...Array(400).keys()]))).toEqual(tricky.objects);
  });

  it('matches JSON.parse on random documents cut at random places', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.array(fc.jsonValue(), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.boolean(),
        async (extra, objects, at, pretty) => {
          const doc = JSON.stringify({ ...extra, objects }, null, pretty ? 1 : 0);
          expect(await split(cut(doc, at))).toEqual(JSON.parse(doc).objects);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reports offsets of elements, so a malformed one can be named', async () => {
    const doc = '{"objects": [{"a": 1}, {"b": tru}, {"c": 3}]}';
    const items = [];
    for await (const item of splitBundleObjects([doc])) items.push(item);
    expect(items.map((i) => i.text)).toEqual(['{"a": 1}', '{"b": tru}', '{"c": 3}']);
    expect(doc.slice(items[1]!.offset, items[1]!.offset + 3)).toBe('{"b');
  });

  it('refuses what is not one whole JSON object', async () => {
    await expect(split(['[{"type": "indicator"}]'])).rejects.toThrow(BundleFramingError);
    await expect(split([''])).rejects.toThrow(/empty/);
    await expect(split(['{"type": "bundle", "objects": [{"type": '])).rejects.toThrow(/ends before/);
    await expect(split(['{"objects": []}}'])).rejects.toThrow(BundleFramingError);
    await expect(split(['{"objects": []} {"objects": []}'])).rejects.toThrow(/after the document/);
  });
});
