import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit/index.ts';
import { getObject, importStream, searchIndicators } from '../../src/intel/service.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { later, T0 } from './fixtures.ts';

const actor = systemActor('test');
let rt: TestRuntime;
beforeAll(async () => {
  rt = await createTestRuntime();
}, 60_000);
afterAll(() => rt?.close());

const COUNT = 3000;

/**
 * A bundle of COUNT indicators (ids and values under `tag`) with, at fixed places: an element that is not JSON,
 * an invalid object, a marking used a chunk before its definition, a marking never defined, a repeat in another
 * chunk, and versions out of order in other batches.
 */
function scenario(tag: string): string {
  const uuid = (n: number) => `${tag}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  const ind = (n: number, extra: Record<string, unknown> = {}) => ({
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${uuid(n)}`,
    created: T0,
    modified: T0,
    name: `n${n}`,
    pattern: `[domain-name:value = 'host${n}.${tag}.example']`,
    pattern_type: 'stix',
    valid_from: T0,
    ...extra,
  });
  const marking = {
    type: 'marking-definition',
    spec_version: '2.1',
    id: `marking-definition--${uuid(1_000_000)}`,
    created: T0,
    name: 'Partners',
    definition_type: 'statement',
    definition: { statement: 'Partners only' },
  };
  const elements = Array.from({ length: COUNT }, (_, n) => JSON.stringify(ind(n)));
  elements[5] = '{"type": "indicator", "id": }';
  elements[100] = JSON.stringify(ind(100, { object_marking_refs: [marking.id] }));
  elements[200] = JSON.stringify(ind(200, { object_marking_refs: [`marking-definition--${uuid(2_000_000)}`] }));
  elements[1500] = JSON.stringify(ind(1500, { id: 'indicator--1500' }));
  elements[2500] = JSON.stringify(marking);
  elements[2900] = JSON.stringify(ind(10));
  elements[2800] = JSON.stringify(ind(20, { modified: later(10), name: 'v2' }));
  elements[2950] = JSON.stringify(
    ind(20, { modified: '2025-12-31T00:00:00.000Z', created: '2025-12-31T00:00:00.000Z', name: 'v0' }),
  );
  return `{"type": "bundle", "id": "bundle--${uuid(0)}", "objects": [\n${elements.join(',\n')}\n]}`;
}

const importScenario = (tag: string, threads: number) =>
  importStream(rt.ctx, actor, Readable.from([scenario(tag)]), {
    source: `scenario ${tag}`,
    format: 'stix',
    threads,
    parallelAfter: 0,
    batchSize: 700,
  });

describe('a big bundle validated on worker threads', () => {
  it('is stored exactly as when it is validated on the storing thread', async () => {
    const here = await importScenario('aaaaaaaa', 0);
    const parallel = await importScenario('bbbbbbbb', 2);
    const comparable = (r: typeof here, tag: string) => ({
      ...r,
      importId: '',
      source: '',
      rejected: r.rejected.map((x) => JSON.parse(JSON.stringify(x).replaceAll(tag, 'TAG')) as unknown),
    });
    expect(comparable(parallel, 'bbbbbbbb')).toEqual(comparable(here, 'aaaaaaaa'));
    expect(parallel).toMatchObject({ received: COUNT, duplicates: 1, olderVersions: 1, rejectedCount: 3 });
    expect(parallel.inserted).toBe(COUNT - 3 - 1);
    // In stream order, and the never-defined marking judged at the end.
    expect(parallel.rejected.map((r) => r.record)).toEqual(['5', '1500', '200']);
    expect(parallel.rejected[0]!.reason).toMatch(/^not valid JSON at byte \d+/);
    expect(parallel.rejected[2]!.reason).toMatch(/is not a known marking definition/);

    for (const tag of ['aaaaaaaa', 'bbbbbbbb']) {
      const id = (n: number) => `indicator--${tag}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
      expect((await getObject(rt.ctx, id(20)))[0]!.object.name).toBe('v2');
      expect(await getObject(rt.ctx, id(20), 'all')).toHaveLength(3);
      expect((await getObject(rt.ctx, id(100)))[0]!.object.object_marking_refs).toHaveLength(1);
      expect(await searchIndicators(rt.ctx, `host2999.${tag}.example`)).toHaveLength(1);
    }
  });

  it('a source that breaks off keeps what came before the break', async () => {
    const text = scenario('cccccccc');
    const cut = text.slice(0, text.indexOf('"name":"n2100"'));
    const report = await importStream(rt.ctx, actor, Readable.from([cut]), {
      source: 'cut',
      format: 'stix',
      threads: 2,
      parallelAfter: 0,
    });
    // The marking definition was never read: both objects that use it are refused, after the break.
    expect(report.rejected.map((r) => r.record)).toEqual(['5', '1500', 'source', '100', '200']);
    expect(report.rejected[2]!.reason).toMatch(/^stopped reading at record 2100/);
    expect(report.received).toBe(2100);
    expect(report.inserted).toBe(2100 - 4);
  });
});
