import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INDICATOR, MALWARE, RELATIONSHIP, STATEMENT_MARKING } from './fixtures/samples.ts';
import { withProps } from './fixtures/expect.ts';
import { isIndicator, isMalware, isRelationship } from './guards.ts';
import { TLP } from './tlp.ts';
import { validateBundle } from './validate-bundle.ts';

const BUNDLE_ID = 'bundle--34d0032b-b342-4076-955d-6c0020fe693a';
const bundle = (objects: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'bundle',
  id: BUNDLE_ID,
  objects,
  ...extra,
});

describe('bundle envelope', () => {
  it.each([
    [null, 'a bundle must be a JSON object (got null)'],
    [[INDICATOR], 'a bundle must be a JSON object (got a list)'],
    ['{"type":"bundle"}', 'a bundle must be a JSON object (got a string ("{\\"type\\":\\"bundle\\"}"))'],
  ])('refuses a non-object %j with bundleErrors only', (input, message) => {
    expect(validateBundle(input)).toEqual({ bundleErrors: [{ path: '', message }], accepted: [], rejected: [] });
  });

  it('refuses a non-bundle object with bundleErrors only', () => {
    expect(validateBundle(INDICATOR)).toEqual({
      bundleErrors: [{ path: '/type', message: 'type must be "bundle" (got "indicator")' }],
      accepted: [],
      rejected: [],
    });
    // OASIS' own "using TLP 2.0 green" example lacks the bundle type.
    expect(validateBundle({ id: BUNDLE_ID, objects: [INDICATOR] }).bundleErrors).toEqual([
      { path: '/type', message: 'type is required and must be "bundle"' },
    ]);
  });

  it('accepts a bundle without spec_version (STIX 2.1) and reports one that has it', () => {
    expect(validateBundle(bundle([INDICATOR])).bundleErrors).toEqual([]);
    expect(validateBundle(bundle([INDICATOR], { spec_version: '2.0' })).bundleErrors).toEqual([
      {
        path: '/spec_version',
        message: 'a STIX 2.1 bundle has no spec_version (got "2.0"); this looks like a STIX 2.0 bundle',
      },
    ]);
  });

  it('checks id and objects but still judges the objects', () => {
    const result = validateBundle({ type: 'bundle', id: 'bundle-1', objects: [INDICATOR] });
    expect(result.bundleErrors).toEqual([
      { path: '/id', message: 'id must be "bundle--" followed by an RFC 4122 UUID (got "bundle-1")' },
    ]);
    expect(result.accepted).toEqual([INDICATOR]);
    expect(validateBundle(bundle([])).bundleErrors).toEqual([
      { path: '/objects', message: 'objects must not be an empty list (omit it instead)' },
    ]);
    expect(validateBundle({ type: 'bundle', id: BUNDLE_ID }).bundleErrors).toEqual([]);
    expect(validateBundle({ type: 'bundle', id: BUNDLE_ID, objects: {} }).bundleErrors).toEqual([
      { path: '/objects', message: 'objects must be a list (got an object)' },
    ]);
  });
});

describe('objects are judged one by one', () => {
  it('keeps 3 good objects and reports 2 bad ones with index and id', () => {
    const badIndicator = withProps(INDICATOR, {
      id: 'indicator--c3da5ff0-5358-4dbb-b397-2cb6da008a7e',
      valid_until: '2020-01-01T00:00:00Z',
    });
    const badRelationship = withProps(RELATIONSHIP, {
      id: 'relationship--042c7676-2e9e-4a13-b948-d0891f2268cd',
      target_ref: 'Pegasus',
    });
    const result = validateBundle(bundle([MALWARE, badIndicator, INDICATOR, badRelationship, RELATIONSHIP]));
    expect(result.bundleErrors).toEqual([]);
    expect(result.accepted).toEqual([MALWARE, INDICATOR, RELATIONSHIP]);
    expect(result.rejected).toEqual([
      {
        index: 1,
        id: 'indicator--c3da5ff0-5358-4dbb-b397-2cb6da008a7e',
        type: 'indicator',
        errors: [
          {
            path: '/valid_until',
            message: 'valid_until (2020-01-01T00:00:00Z) must be later than valid_from (2021-01-01T00:00:00Z)',
          },
        ],
      },
      {
        index: 3,
        id: 'relationship--042c7676-2e9e-4a13-b948-d0891f2268cd',
        type: 'relationship',
        errors: [
          {
            path: '/target_ref',
            message: 'target_ref "Pegasus" is not a valid STIX identifier (<object-type>--<UUID>)',
          },
        ],
      },
    ]);
  });

  it('rejects entries that are not objects, without id or type', () => {
    const result = validateBundle(bundle([null, 7, INDICATOR]));
    expect(result.accepted).toHaveLength(1);
    expect(result.rejected.map((r) => [r.index, r.id, r.errors[0]?.message])).toEqual([
      [0, undefined, 'a STIX object must be a JSON object (got null)'],
      [1, undefined, 'a STIX object must be a JSON object (got a number (7))'],
    ]);
  });

  it('passes the pattern checker to every indicator', () => {
    const result = validateBundle(bundle([INDICATOR, MALWARE]), { checkPattern: () => 'no' });
    expect(result.rejected.map((r) => r.errors)).toEqual([
      [{ path: '/pattern', message: 'pattern is not a valid stix pattern: no' }],
    ]);
  });
});

describe('marking references inside a bundle', () => {
  const custom = STATEMENT_MARKING.id;
  const marked = withProps(INDICATOR, { object_marking_refs: [TLP.V1_GREEN.id, custom] });

  it('resolve to TLP, to marking definitions in the bundle, or to the caller set', () => {
    expect(validateBundle(bundle([marked, STATEMENT_MARKING])).rejected).toEqual([]);
    expect(validateBundle(bundle([marked]), { knownMarkingIds: new Set([custom]) }).rejected).toEqual([]);
    const lone = validateBundle(bundle([marked]));
    expect(lone.rejected[0]?.errors).toEqual([
      {
        path: '/object_marking_refs/1',
        message: `unknown marking definition ${custom}: it is not a standard TLP marking, not known to this system and not defined in the same bundle`,
      },
    ]);
  });

  it('do not resolve to a marking definition that is itself invalid', () => {
    const broken = withProps(STATEMENT_MARKING, { definition: undefined });
    const result = validateBundle(bundle([broken, marked]));
    expect(result.rejected.map((r) => r.index)).toEqual([0, 1]);
  });
});

const IOCS = '/work/shared/data/iocs';
const REAL = [
  ['pegasus', 1549],
  ['rcs', 40],
  ['coruna', 216],
  ['candiru', 125],
] as const;

describe.skipIf(!existsSync(IOCS))('real published bundles', () => {
  it.each(REAL)('accepts every object of %s.stix2 (%i indicators)', (name, indicators) => {
    const result = validateBundle(JSON.parse(readFileSync(`${IOCS}/${name}.stix2`, 'utf8')));
    expect(result.bundleErrors).toEqual([]);
    expect(result.rejected).toEqual([]);
    const found = result.accepted.filter(isIndicator);
    expect(found).toHaveLength(indicators);
    const malware = result.accepted.filter(isMalware);
    expect(malware).toHaveLength(1);
    const relationships = result.accepted.filter(isRelationship);
    expect(relationships.length).toBeGreaterThan(0);
    expect(relationships.every((r) => r.target_ref === malware[0]?.id)).toBe(true);
  });
});
