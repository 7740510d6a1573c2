import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit/index.ts';
import { activeComplexIndicators, activeIndicatorValues, importObjects } from '../../src/intel/service.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { indicator, later, T0 } from './fixtures.ts';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await createTestRuntime();
}, 60_000);
afterAll(() => rt?.close());

it('gives the detection engine only active indicators: latest, unrevoked, within their validity', async () => {
  const active = indicator('Active.Example.');
  const expired = indicator('expired.example', { valid_until: later(1) });
  const future = indicator('future.example', { valid_from: '2999-01-01T00:00:00Z' });
  const revoked = indicator('revoked.example');
  const multi = indicator('x', {
    pattern: "[ipv4-addr:value = '10.0.0.0/8' OR ipv4-addr:value IN ('192.0.2.1', '192.0.2.2')]",
  });
  const complex = indicator('y', {
    pattern:
      "[domain-name:value = 'stage1.example'] FOLLOWEDBY [domain-name:value = 'stage2.example'] WITHIN 600 SECONDS",
  });
  await importObjects(rt.ctx, systemActor('test'), [active, expired, future, revoked, multi, complex], 'test');
  await importObjects(rt.ctx, systemActor('test'), [{ ...revoked, modified: later(1), revoked: true }], 'test');

  const values = await activeIndicatorValues(rt.ctx, 0, 1000, new Date(later(60)));
  expect(values.map((v) => [v.key, v.value]).sort()).toEqual([
    ['domain-name:value', 'active.example'],
    ['ipv4-addr:value', '10.0.0.0/8'],
    ['ipv4-addr:value', '192.0.2.1'],
    ['ipv4-addr:value', '192.0.2.2'],
  ]);
  const page = await activeIndicatorValues(rt.ctx, values[0]!.seq, 1000, new Date(later(60)));
  expect(page.length).toBe(values.filter((v) => v.seq > values[0]!.seq).length);
  expect(await activeComplexIndicators(rt.ctx, new Date(later(60)))).toEqual([
    { indicatorId: complex.id, pattern: complex.pattern },
  ]);
  expect(T0 < later(60)).toBe(true);
});
