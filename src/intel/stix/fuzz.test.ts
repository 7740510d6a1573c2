import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SPEC_SDO_SRO_EXAMPLES } from './fixtures/spec-sdo-examples.ts';
import { SPEC_META_EXAMPLES, SPEC_SCO_EXAMPLES } from './fixtures/spec-other-examples.ts';
import type { BundleValidation, ValidationResult } from './types.ts';
import { validateBundle } from './validate-bundle.ts';
import { validateStixObject } from './validate-object.ts';

const EXAMPLES: object[] = [
  ...Object.values(SPEC_SDO_SRO_EXAMPLES).flat(),
  ...Object.values(SPEC_META_EXAMPLES).flat(),
  ...SPEC_SCO_EXAMPLES,
];

function wellFormed(result: ValidationResult): boolean {
  if (result.ok) return typeof result.object === 'object';
  return (
    result.errors.length > 0 && result.errors.every((e) => typeof e.path === 'string' && typeof e.message === 'string')
  );
}

function wellFormedBundle(result: BundleValidation): boolean {
  return Array.isArray(result.bundleErrors) && Array.isArray(result.accepted) && Array.isArray(result.rejected);
}

const anything = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});

describe('never throws', () => {
  it('on arbitrary JavaScript values', () => {
    fc.assert(
      fc.property(anything, (value) => {
        expect(wellFormed(validateStixObject(value))).toBe(true);
        expect(wellFormedBundle(validateBundle(value))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('on arbitrary JSON, including __proto__ keys', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, proto) => {
        const text = JSON.stringify(value);
        const parsed: unknown = JSON.parse(
          proto && text.startsWith('{') ? `{"__proto__":{"x":1},${text.slice(1)}`.replace(',}', '}') : text,
        );
        expect(wellFormed(validateStixObject(parsed))).toBe(true);
        expect(
          wellFormedBundle(
            validateBundle({ type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', objects: [parsed] }),
          ),
        ).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('on specification examples with one property replaced by anything', () => {
    const keys = fc.oneof(
      fc.constantFrom(
        'type',
        'id',
        'created',
        'modified',
        'spec_version',
        'object_marking_refs',
        'granular_markings',
        'extensions',
        'external_references',
        'hashes',
        'pattern',
        'valid_until',
        'source_ref',
        'objects',
        'object_refs',
        'definition',
        'contents',
        'latitude',
      ),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.constantFrom(...EXAMPLES), keys, fc.oneof(anything, fc.jsonValue()), (example, key, value) => {
        const mutated: Record<string, unknown> = { ...example };
        Object.defineProperty(mutated, key, { value, enumerable: true, configurable: true, writable: true });
        expect(wellFormed(validateStixObject(mutated, { checkPattern: (p) => (p.length % 2 ? null : 'odd') }))).toBe(
          true,
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('on bundles of random objects', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...EXAMPLES), fc.jsonValue()), { maxLength: 20 }), (objects) => {
        const result = validateBundle({ type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', objects });
        expect(result.accepted.length + result.rejected.length).toBe(objects.length);
      }),
      { numRuns: 500 },
    );
  });

  it('on hostile objects: throwing getters and proxies', () => {
    const getter = Object.defineProperty({ type: 'indicator' }, 'id', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const trap = () => {
      throw new Error('trap');
    };
    const proxies = [
      new Proxy({}, { ownKeys: trap }),
      new Proxy({}, { getPrototypeOf: trap }),
      new Proxy({}, { getOwnPropertyDescriptor: trap }),
    ];
    for (const value of [getter, ...proxies]) {
      const result = validateStixObject(value);
      expect(result.ok).toBe(false);
      expect(wellFormed(result)).toBe(true);
      expect(
        wellFormedBundle(
          validateBundle({ type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', objects: [value] }),
        ),
      ).toBe(true);
      expect(wellFormedBundle(validateBundle(value))).toBe(true);
    }
  });

  it('on deep nesting far past the limit', () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { x_n: deep };
    const result = validateStixObject({
      type: 'x-deep',
      id: 'x-deep--5d0092c5-5f74-4287-9642-33f4c354e56d',
      x_n: deep,
    });
    expect(result).toMatchObject({ ok: false, errors: [{ message: 'nesting is deeper than the limit of 64 levels' }] });
  });
});
