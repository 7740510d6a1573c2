import { describe, expect, it } from 'vitest';
import { SPEC_SDO_SRO_EXAMPLES } from './fixtures/spec-sdo-examples.ts';
import { KNOWN_INVALID_SPEC_EXAMPLES, SPEC_META_EXAMPLES, SPEC_SCO_EXAMPLES } from './fixtures/spec-other-examples.ts';
import { expectRejected } from './fixtures/expect.ts';
import { SDO_TYPES, SRO_TYPES } from './object-types.ts';
import { validateBundle } from './validate-bundle.ts';
import { validateStixObject } from './validate-object.ts';

const cases = (groups: Readonly<Record<string, readonly object[]>>) =>
  Object.entries(groups).flatMap(([section, objects]) =>
    objects.map(
      (object, i) => [`${section} #${i + 1} (${String((object as { type: unknown }).type)})`, object] as const,
    ),
  );

describe('the example objects of the STIX 2.1 specification', () => {
  it('cover every SDO and SRO type', () => {
    const types = new Set(
      Object.values(SPEC_SDO_SRO_EXAMPLES).flatMap((list) => list.map((o) => (o as { type: string }).type)),
    );
    for (const type of [...SDO_TYPES, ...SRO_TYPES]) expect(types, type).toContain(type);
  });

  it.each(cases(SPEC_SDO_SRO_EXAMPLES))('accepts %s', (_name, object) => {
    const result = validateStixObject(object);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it.each(cases(SPEC_META_EXAMPLES))('accepts %s', (_name, object) => {
    const result = validateStixObject(object);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it.each(SPEC_SCO_EXAMPLES.map((o) => [(o as { id: string }).id, o] as const))('accepts SCO %s', (_id, object) => {
    const result = validateStixObject(object);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it.each(KNOWN_INVALID_SPEC_EXAMPLES.map((c) => [c.section, c] as const))(
    'refuses the self-contradicting example of %s',
    (_section, c) => expectRejected(c.object, c.path, c.reason),
  );

  it('accepts all of them together as one bundle', () => {
    const objects = [
      ...Object.values(SPEC_SDO_SRO_EXAMPLES).flat(),
      ...Object.values(SPEC_META_EXAMPLES).flat(),
      ...SPEC_SCO_EXAMPLES,
    ];
    const result = validateBundle({ type: 'bundle', id: 'bundle--44af6c39-c09b-49c5-9de2-394224b04982', objects });
    expect(result.bundleErrors).toEqual([]);
    expect(result.rejected).toEqual([]);
    expect(result.accepted).toHaveLength(objects.length);
  });
});
