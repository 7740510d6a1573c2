import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit/index.ts';
import type { BulkSession } from '../../src/core/db/bulk.ts';
import { importObjects } from '../../src/intel/service.ts';
import { BATCH_SETTINGS, beginBatch, storedVersions } from '../../src/intel/store/bulk-store.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { indicator, later } from './fixtures.ts';

// Each import batch asks which of its ids are stored, with the planner steered to index probes. Steering prices
// the other plans so high that PostgreSQL JIT-compiled the query in every batch: a third of the server's time in
// a million-indicator import.
let rt: TestRuntime;
beforeAll(async () => {
  rt = await createTestRuntime();
}, 60_000);
afterAll(() => rt?.close());

const NAMES = Object.keys(BATCH_SETTINGS);
const settings = async (s: BulkSession) =>
  Object.fromEntries(
    (
      await s.query<{ name: string; setting: string }>(
        'select name, setting from pg_settings where name = any($1::text[])',
        [NAMES],
      )
    ).rows.map((r) => [r.name, r.setting]),
  );

describe("an import batch's transaction", () => {
  it('probes stored versions by index without JIT, and its settings end with it', async () => {
    const first = indicator('probe-one.example');
    const second = indicator('probe-two.example');
    await importObjects(rt.ctx, systemActor('test'), [first, second, { ...first, modified: later(1) }], 'test');

    const before = await rt.ctx.bulk((s) => settings(s));
    expect(before.jit === 'off' && before.enable_seqscan === 'off').toBe(false);
    const during = await rt.ctx.bulk(async (s) => {
      await beginBatch(s);
      const stored = await storedVersions(s, [first.id, second.id, 'indicator--unknown']);
      expect(
        stored
          .get(first.id)
          ?.map((v) => v.isLatest)
          .sort(),
      ).toEqual([false, true]);
      expect(stored.get(second.id)).toHaveLength(1);
      expect(stored.has('indicator--unknown')).toBe(false);
      return settings(s);
    });
    expect(during).toEqual(BATCH_SETTINGS);
    expect(await rt.ctx.bulk((s) => settings(s))).toEqual(before);
  });
});
