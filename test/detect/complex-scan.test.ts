import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit/index.ts';
import { DetectionEngine } from '../../src/detect/engine/engine.ts';
import type { Hit } from '../../src/detect/record-hits.ts';
import { scanStream } from '../../src/detect/scan.ts';
import { importObjects } from '../../src/intel/service.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { indicator } from '../intel/fixtures.ts';

let rt: TestRuntime;
const chain = indicator('x', {
  pattern:
    "[domain-name:value = 'exploit-delivery.example'] FOLLOWEDBY [domain-name:value = 'implant-c2.example'] WITHIN 300 SECONDS",
});
beforeAll(async () => {
  rt = await createTestRuntime();
  await importObjects(rt.ctx, systemActor('test'), [chain], 'test');
}, 60_000);
afterAll(() => rt?.close());

it('a FOLLOWEDBY … WITHIN indicator fires for the account that saw both, in order, in time', async () => {
  const engine = new DetectionEngine();
  await engine.refresh(rt.ctx);
  expect(engine.complexPatterns).toBe(1);
  const log = [
    { ts: 1000, user: 'target', query: 'exploit-delivery.example' },
    { ts: 1010, user: 'bystander', query: 'implant-c2.example' },
    { ts: 1100, user: 'target', query: 'implant-c2.example' },
    { ts: 1200, user: 'late', query: 'exploit-delivery.example' },
    { ts: 1600, user: 'late', query: 'implant-c2.example' },
  ];
  const hits: Hit[] = [];
  await scanStream(
    engine,
    Readable.from([log.map((l) => JSON.stringify(l)).join('\n')]),
    'log',
    (h) => void hits.push(...h),
  );
  expect(hits.map((h) => [h.subject, h.indicatorId, h.eventKey])).toEqual([['target', chain.id, 'log:3']]);
});
