import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit/index.ts';
import { importObjects } from '../../src/intel/service.ts';
import {
  KNOWN_INVALID_SPEC_EXAMPLES,
  SPEC_META_EXAMPLES,
  SPEC_SCO_EXAMPLES,
} from '../../src/intel/stix/fixtures/spec-other-examples.ts';
import { SPEC_SDO_SRO_EXAMPLES } from '../../src/intel/stix/fixtures/spec-sdo-examples.ts';
import { objectVersionKey, type StixObject } from '../../src/intel/stix/index.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await createTestRuntime();
}, 60_000);
afterAll(() => rt?.close());

const examples = [
  ...Object.values(SPEC_META_EXAMPLES).flat(),
  ...Object.values(SPEC_SDO_SRO_EXAMPLES).flat(),
  ...SPEC_SCO_EXAMPLES,
] as StixObject[];

it("the STIX 2.1 specification's example objects are stored, each version once", async () => {
  const versions = new Set(examples.map((o) => `${o.id}|${Date.parse(objectVersionKey(o).modified)}`));
  const report = await importObjects(rt.ctx, systemActor('test'), examples, 'STIX 2.1 specification examples');
  expect(report.rejected).toEqual([]);
  expect(report.received).toBe(examples.length);
  expect(report.inserted).toBe(versions.size);
  expect(report.inserted + report.duplicates).toBe(examples.length);
});

it('the examples the specification itself gets wrong are refused, each with its reason', async () => {
  const report = await importObjects(
    rt.ctx,
    systemActor('test'),
    KNOWN_INVALID_SPEC_EXAMPLES.map((e) => e.object),
    'invalid examples',
  );
  expect(report.inserted).toBe(0);
  expect(report.rejectedCount).toBe(KNOWN_INVALID_SPEC_EXAMPLES.length);
  KNOWN_INVALID_SPEC_EXAMPLES.forEach((e, i) => expect(report.rejected[i]!.reason, e.section).toMatch(e.reason));
});
