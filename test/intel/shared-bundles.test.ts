import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit/index.ts';
import { findObjects, searchIndicators } from '../../src/intel/service.ts';
import { importFrom } from '../../src/intel/local-import.ts';
import { repoRoot } from '../support/cli.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';

const iocs = resolve(repoRoot, '../shared/data/iocs');
const actor = systemActor('test');

// Counts from ../shared/data/iocs/PROVENANCE.md.
const bundles = [
  {
    file: 'pegasus.stix2',
    malware: 'Pegasus',
    indicators: 1549,
    byKey: { 'domain-name:value': 1438, 'process:name': 81, 'email-addr:value': 29, 'file:name': 1 },
  },
  {
    file: 'rcs.stix2',
    malware: 'RCSLab',
    indicators: 40,
    byKey: { 'domain-name:value': 26, "file:hashes.'SHA-256'": 9, 'app:id': 5 },
  },
  {
    file: 'coruna.stix2',
    malware: 'Coruna',
    indicators: 216,
    byKey: { 'domain-name:value': 177, "file:hashes.'SHA-256'": 20, 'file:path': 12, 'file:name': 7 },
  },
  { file: 'candiru.stix2', malware: null, indicators: 125, byKey: { 'domain-name:value': 125 } },
];

async function countAll(rt: TestRuntime, filter: Parameters<typeof findObjects>[1]) {
  let total = 0;
  let after: number | undefined;
  for (;;) {
    const page = await findObjects(rt.ctx, { ...filter, limit: 1000, ...(after !== undefined ? { after } : {}) });
    total += page.objects.length;
    if (page.next === null) return total;
    after = page.next;
  }
}

describe('the public indicator bundles import with their documented counts', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await createTestRuntime();
  }, 60_000);
  afterAll(() => rt?.close());

  for (const b of bundles) {
    it(`${b.file}: ${b.indicators} indicators, each indicating its malware`, async () => {
      const report = await importFrom(rt.ctx, actor, { source: resolve(iocs, b.file) });
      expect(report.format).toBe('stix');
      expect(report.rejected).toEqual([]);
      expect(report.insertedByType.indicator).toBe(b.indicators);
      expect(report.insertedByType.malware).toBe(1);
      expect(report.indicatorsByKey).toEqual(b.byKey);
      const malware = (await findObjects(rt.ctx, { type: 'malware', limit: 1000 })).objects.filter(
        (m) => m.import_id === report.importId,
      );
      expect(malware).toHaveLength(1);
      if (b.malware) expect(malware[0]!.name).toBe(b.malware);
      expect(await countAll(rt, { type: 'indicator', actor: malware[0]!.stix_id })).toBe(b.indicators);
    });
  }

  it('importing the same bundle again adds nothing', async () => {
    const again = await importFrom(rt.ctx, actor, { source: resolve(iocs, 'pegasus.stix2') });
    expect(again.inserted).toBe(0);
    expect(again.duplicates).toBe(again.received);
    expect(await countAll(rt, { type: 'indicator', actor: 'Pegasus' })).toBe(1549);
  });

  it('looks a value up, subdomains included, and leads to the malware', async () => {
    const exact = await searchIndicators(rt.ctx, 'free247downloads.com');
    const sub = await searchIndicators(rt.ctx, 'a.b.FREE247DOWNLOADS.com.');
    for (const found of [exact, sub]) {
      expect(found.length).toBeGreaterThan(0);
      expect(found[0]!.attribution.map((a) => a.name)).toContain('Pegasus');
    }
    expect(sub[0]!.matched.how).toBe('parent-domain');
    expect(await searchIndicators(rt.ctx, 'notfree247downloads.com')).toEqual([]);
  });

  it('finds hash indicators under both spellings of the key', async () => {
    const rcs = await findObjects(rt.ctx, { key: "file:hashes.'SHA-256'", limit: 1000 });
    expect(rcs.objects.length).toBe(29);
  });
});
