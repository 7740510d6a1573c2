import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit/index.ts';
import { exportObjects, findObjects, objectContext, searchIndicators } from '../../src/intel/service.ts';
import { importFrom } from '../../src/intel/local-import.ts';
import { repoRoot } from '../support/cli.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';

const iocs = resolve(repoRoot, '../shared/data/iocs');
const actor = systemActor('test');
let rt: TestRuntime;
let mirror: Server;

// A stand-in for raw.githubusercontent.com serving the bundles we have; everything else is a 404.
const served: Record<string, string> = {
  '/AmnestyTech/investigations/master/2021-07-18_nso/pegasus.stix2': 'pegasus.stix2',
  '/mvt-project/mvt-indicators/main/2026-03-03_coruna_cryptowaters/coruna.stix2': 'coruna.stix2',
};

beforeAll(async () => {
  mirror = createServer((req, res) => {
    const file = served[req.url ?? ''];
    if (!file) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': 'application/json' }).end(readFileSync(join(iocs, file)));
  });
  await new Promise<void>((r) => mirror.listen(0, '127.0.0.1', r));
  const address = mirror.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  rt = await createTestRuntime(
    {},
    { ACCORD_OUTBOUND_ALLOW_PRIVATE: 'true', ACCORD_GITHUB_RAW_URL: `http://127.0.0.1:${port}` },
  );
}, 60_000);
afterAll(async () => {
  mirror?.close();
  await rt?.close();
});

describe('CSV and text lists', () => {
  it("Amnesty's 2018 NSO list: a domain and an IP indicator per row (595 and 596 distinct)", async () => {
    const report = await importFrom(rt.ctx, actor, { source: join(iocs, 'amnesty-nso-2018.csv') });
    expect(report.format).toBe('csv');
    expect(report.rejected).toEqual([]);
    expect(report.indicatorsByKey).toEqual({ 'domain-name:value': 595, 'ipv4-addr:value': 596 });
    const again = await importFrom(rt.ctx, actor, { source: join(iocs, 'amnesty-nso-2018.csv') });
    expect(again.inserted).toBe(0);
    expect((await searchIndicators(rt.ctx, '191.101.31.25')).length).toBe(1);
  });

  it("Google TAG's hack-for-hire list: 36 hostnames with their descriptions", async () => {
    const report = await importFrom(rt.ctx, actor, { source: join(iocs, 'google-tag-hack-for-hire-2022.csv') });
    expect(report.indicatorsByKey).toEqual({ 'domain-name:value': 36 });
    const [hit] = await searchIndicators(rt.ctx, 'myproject-login.shop');
    expect(hit).toBeDefined();
  });
});

describe('MISP events', () => {
  it('maps attributes to indicators, the event to a report, galaxies to actors, TLP tags to markings', async () => {
    const report = await importFrom(rt.ctx, actor, { source: resolve(repoRoot, 'test/intel/data/misp-event.json') });
    expect(report.format).toBe('misp');
    expect(report.indicatorsByKey).toEqual({
      'domain-name:value': 2,
      'ipv4-addr:value': 3,
      'url:value': 1,
      'email-addr:value': 1,
      "file:hashes.'SHA-256'": 1,
    });
    expect(report.insertedByType).toMatchObject({ report: 1, 'intrusion-set': 1, indicator: 8, relationship: 8 });
    expect(report.rejected).toEqual([
      expect.objectContaining({ value: 'not-a-hash', reason: expect.stringMatching(/not a MD5 hash/) }),
    ]);
    expect(report.notes.join('\n')).toMatch(/skipped attributes that are not indicators: 1 comment, 1 size-in-bytes/);
    expect(report.notes.join('\n')).toMatch(/192.0.2.55 is an IP address, not a domain/);

    const [hit] = await searchIndicators(rt.ctx, 'account-security@secure-mail-login.com');
    expect(hit!.indicator.tlp).toBe('amber');
    expect(hit!.attribution.map((a) => a.name)).toContain('Void Balaur');
    const red = await searchIndicators(rt.ctx, '192.0.2.55');
    expect(red[0]!.indicator.tlp).toBe('red');
    const url = await searchIndicators(rt.ctx, 'HTTPS://secure-mail-login.com:443/auth?next=%2Finbox#x');
    expect(url.map((m) => m.matched.how)).toContain('exact');

    const byAlias = await findObjects(rt.ctx, { type: 'indicator', actor: 'rockstar' });
    expect(byAlias.objects).toHaveLength(8);
    const again = await importFrom(rt.ctx, actor, { source: resolve(repoRoot, 'test/intel/data/misp-event.json') });
    expect(again.inserted).toBe(0);
  });
});

describe('the MVT indicators index', () => {
  it('fetches every listed file; files that cannot be fetched are refused one by one', async () => {
    const report = await importFrom(rt.ctx, actor, { source: join(iocs, 'indicators.yaml') });
    expect(report.format).toBe('mvt-index');
    expect(report.notes[0]).toMatch(/15 indicator files listed/);
    expect(report.insertedByType.indicator).toBe(1549 + 216);
    expect(report.rejectedCount).toBe(13);
    expect(report.rejected.every((r) => /^index entry \d+ .*HTTP 404/.test(`${r.record} ${r.reason}`))).toBe(true);
  });
});

describe('export for the Mobile Verification Toolkit', () => {
  it('writes what MVT reads: one comparison per indicator, its key spelling, grouped by malware', async () => {
    const bundle = await exportObjects(rt.ctx, { actor: 'Coruna' }, 'mvt');
    const indicators = bundle.objects.filter((o) => o.type === 'indicator');
    expect(indicators).toHaveLength(216);
    for (const i of indicators) expect(i.pattern).toMatch(/^\[[a-z0-9:.-]+='[^'=]+'\]$/);
    expect(indicators.filter((i) => String(i.pattern).startsWith('[file:hashes.sha256=')).length).toBe(20);
    const malware = bundle.objects.filter((o) => o.type === 'malware');
    expect(malware.map((m) => m.name)).toEqual(['Coruna']);
    const rels = bundle.objects.filter((o) => o.type === 'relationship');
    expect(rels).toHaveLength(216);
    expect(rels.every((r) => r.target_ref === malware[0]!.id)).toBe(true);
  });

  it('leaves out what MVT cannot read, saying why', async () => {
    const bundle = await exportObjects(rt.ctx, { actor: 'Void Balaur' }, 'mvt');
    expect(bundle.omitted.map((o) => o.reason)).toEqual(
      expect.arrayContaining(['MVT does not read ipv4-addr:value', 'MVT cannot read a value containing = or a quote']),
    );
    const context = await objectContext(rt.ctx, bundle.omitted[0]!.id);
    expect(context.object.type).toBe('indicator');
  });
});
