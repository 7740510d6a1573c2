import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit/index.ts';
import type { BulkSession } from '../../src/core/db/bulk.ts';
import { importObjects } from '../../src/intel/service.ts';
import { storedVersions } from '../../src/intel/store/bulk-store.ts';
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

const SWITCHES = ['enable_seqscan', 'enable_mergejoin', 'enable_hashjoin', 'jit'];
const settings = async (s: BulkSession) =>
  (
    await s.query<{ name: string; setting: string }>(
      'select name, setting from pg_settings where name = any($1::text[]) order by name',
      [SWITCHES],
    )
  ).rows;

describe('the stored-version probe of an import batch', () => {
  it('finds every stored version, plans without JIT, and leaves the session settings as they were', async () => {
    const first = indicator('probe-one.example');
    const second = indicator('probe-two.example');
    await importObjects(rt.ctx, systemActor('test'), [first, second, { ...first, modified: later(1) }], 'test');

    await rt.ctx.bulk(async (s) => {
      await s.query(`select set_config('jit', 'on', true)`);
      const before = await settings(s);
      // The session as the probe sees it: the settings in force when its query runs.
      const seen: Record<string, string>[] = [];
      const watched: BulkSession = {
        copyIn: (statement, data) => s.copyIn(statement, data),
        query: async (text, values) => {
          if (/join intel_objects/.test(text)) {
            seen.push(Object.fromEntries((await settings(s)).map((r) => [r.name, r.setting])));
          }
          return s.query(text, values);
        },
      };
      const stored = await storedVersions(watched, [first.id, second.id, 'indicator--unknown']);
      expect(
        stored
          .get(first.id)
          ?.map((v) => v.isLatest)
          .sort(),
      ).toEqual([false, true]);
      expect(stored.get(second.id)).toHaveLength(1);
      expect(stored.has('indicator--unknown')).toBe(false);
      expect(seen).toEqual([{ enable_hashjoin: 'off', enable_mergejoin: 'off', enable_seqscan: 'off', jit: 'off' }]);
      expect(await settings(s)).toEqual(before);
    });
  });
});
