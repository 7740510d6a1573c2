import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit/index.ts';
import { DetectionEngine } from '../../src/detect/engine/engine.ts';
import type { Hit } from '../../src/detect/record-hits.ts';
import { scanStream } from '../../src/detect/scan.ts';
import { importFrom } from '../../src/intel/local-import.ts';
import { repoRoot } from '../support/cli.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';

const bundlePath = resolve(repoRoot, '../shared/data/iocs/pegasus.stix2');
let rt: TestRuntime;
beforeAll(async () => {
  rt = await createTestRuntime();
  await importFrom(rt.ctx, systemActor('test'), { source: bundlePath });
}, 60_000);
afterAll(() => rt?.close());

it('a log of Pegasus domains mixed with benign traffic is matched exactly: no misses, no false positives', async () => {
  const bundle = JSON.parse(readFileSync(bundlePath, 'utf8')) as { objects: { type: string; pattern?: string }[] };
  const domains = bundle.objects
    .filter((o) => o.type === 'indicator' && o.pattern?.startsWith('[domain-name:value'))
    .map((o) => /'([^']+)'/.exec(o.pattern!)![1]!);
  expect(domains).toHaveLength(1438);

  // Each Pegasus domain appears as itself, as a subdomain, in another case, with a trailing dot; benign traffic
  // includes look-alikes that must not match (a prefix glued on, the domain under another one).
  const lines: string[] = [];
  const expected = new Set<number>();
  let n = 0;
  const push = (query: string, malicious: boolean) => {
    n++;
    if (malicious) expected.add(n);
    lines.push(JSON.stringify({ ts: 1_700_000_000 + n, user: `user${n % 97}@example.org`, query }));
  };
  domains.forEach((d, i) => {
    push(i % 3 === 0 ? d : i % 3 === 1 ? `cdn${i}.${d}` : `${d.toUpperCase()}.`, true);
    push(`not${d}`, false);
    push(`${d}.benign.example.org`, false);
    push(`www.benign${i}.example.com`, false);
  });
  const engine = new DetectionEngine();
  await engine.refresh(rt.ctx);
  const hits: Hit[] = [];
  const stats = await scanStream(engine, Readable.from([lines.join('\n')]), 'test', (h) => void hits.push(...h));
  expect(stats).toMatchObject({ lines: lines.length, malformed: 0 });
  const hitLines = new Set(hits.map((h) => Number(h.eventKey.split(':').pop())));
  expect([...expected].filter((l) => !hitLines.has(l))).toEqual([]);
  expect([...hitLines].filter((l) => !expected.has(l))).toEqual([]);
});
