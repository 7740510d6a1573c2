import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit/index.ts';
import { TLP } from '../../src/intel/stix/tlp.ts';
import { createCollection } from '../../src/share/service.ts';
import { addToCollection, toVersion } from '../../src/share/publish.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { ROOT, taxiiUser } from './setup.ts';

let t: TestApp;
let plain: Awaited<ReturnType<typeof taxiiUser>>;
let amberReader: Awaited<ReturnType<typeof taxiiUser>>;

beforeAll(async () => {
  t = await createTestApp();
  plain = await taxiiUser(t);
  amberReader = await taxiiUser(t);
});
afterAll(() => t?.close());

const tlpIds = Object.values(TLP).map((m) => m.id);
const unknownIds = ['marking-definition--0c4dbd1a-6a7b-4f4e-9d86-5a1b2c3d4e5f', `marking-definition--${randomUUID()}`];
const marking = fc.oneof(fc.constantFrom(...tlpIds), fc.constantFrom(...unknownIds), fc.constant('not-a-marking'));
const objectShape = fc.record({
  refs: fc.option(fc.array(marking, { maxLength: 3 }), { nil: undefined }),
  granular: fc.boolean(),
});

/** The rule, written independently of the implementation: what a reader may receive. */
function expectedServed(shape: { refs?: string[]; granular: boolean }, amber: boolean): boolean {
  if (shape.granular) return false;
  const levels = (shape.refs ?? []).map((r) => Object.values(TLP).find((m) => m.id === r)?.level ?? 'unknown');
  if (levels.some((l) => l === 'unknown' || l === 'red')) return false;
  return amber || !levels.some((l) => l === 'amber' || l === 'amber+strict');
}

describe('TLP on the way out (property)', () => {
  it('TLP:RED, unknown, malformed and granular markings are never served; AMBER only to the amber group', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(objectShape, { minLength: 1, maxLength: 12 }), async (shapes) => {
        const actor = systemActor('test');
        const collection = await createCollection(t.runtime.ctx, actor, {
          title: 'property',
          readGroups: [`user:${plain.username}`, `user:${amberReader.username}`],
          writeGroups: [],
          amberGroups: [`user:${amberReader.username}`],
        });
        const objects = shapes.map((s) => ({
          type: 'indicator',
          spec_version: '2.1',
          id: `indicator--${randomUUID()}`,
          created: '2026-01-01T00:00:00.000Z',
          modified: '2026-01-01T00:00:00.000Z',
          pattern: "[domain-name:value = 'x.example']",
          pattern_type: 'stix',
          valid_from: '2026-01-01T00:00:00.000Z',
          ...(s.refs ? { object_marking_refs: s.refs } : {}),
          ...(s.granular ? { granular_markings: [{ marking_ref: tlpIds[0], selectors: ['pattern'] }] } : {}),
        }));
        await addToCollection(t.runtime.ctx, actor, collection.id, objects.map(toVersion), 'test');
        for (const [reader, amber] of [
          [plain, false],
          [amberReader, true],
        ] as const) {
          for (const endpoint of ['objects', 'manifest']) {
            const res = await t.app.inject({
              method: 'GET',
              url: `${ROOT}/collections/${collection.id}/${endpoint}/?match[version]=all&limit=1000`,
              headers: reader.basic,
            });
            const served = new Set(((res.json().objects ?? []) as Array<{ id: string }>).map((o) => o.id));
            const expected = new Set(objects.filter((_, i) => expectedServed(shapes[i]!, amber)).map((o) => o.id));
            expect(served).toEqual(expected);
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});
