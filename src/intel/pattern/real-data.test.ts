import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePattern, printPattern, simpleComparisons } from './index.ts';

const DIR = '/work/shared/data/iocs';
const bundles = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.stix2')) : [];

function indicatorPatterns(file: string): string[] {
  const bundle = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { objects?: Array<Record<string, unknown>> };
  return (bundle.objects ?? []).flatMap((o) =>
    o['type'] === 'indicator' && typeof o['pattern'] === 'string' ? [o['pattern']] : [],
  );
}

describe.skipIf(bundles.length === 0)('public indicator bundles', () => {
  it.each(bundles)('%s: every pattern parses, round-trips and is simple', (file) => {
    const patterns = indicatorPatterns(file);
    expect(patterns.length).toBeGreaterThan(0);
    for (const source of patterns) {
      const p = parsePattern(source);
      expect(parsePattern(printPattern(p))).toEqual(p);
      const simple = simpleComparisons(p);
      expect(simple, source).not.toBeNull();
      expect(simple?.length).toBeGreaterThan(0);
    }
  });

  it('reads both hash spellings in the bundles as SHA-256', () => {
    const paths = new Set(
      bundles
        .flatMap(indicatorPatterns)
        .flatMap((s) => (simpleComparisons(parsePattern(s)) ?? []).map((c) => `${c.objectType}:${c.path}`)),
    );
    expect([...paths].filter((p) => p.includes('hashes'))).toEqual(["file:hashes.'SHA-256'"]);
  });
});
