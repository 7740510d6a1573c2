import { describe, expect, it } from 'vitest';
import { DOMAIN, INDICATOR, MALWARE, RELATIONSHIP, SIGHTING, STATEMENT_MARKING } from './fixtures/samples.ts';
import {
  isIndicator,
  isIntrusionSet,
  isMalware,
  isMarkingDefinition,
  isRelationship,
  isSighting,
  isThreatActor,
} from './guards.ts';
import type { StixObject } from './types.ts';
import { validateStixObject } from './validate-object.ts';
import { objectVersionKey, UNVERSIONED_EPOCH } from './version-key.ts';

function valid(obj: object): StixObject {
  const result = validateStixObject(obj);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.object;
}

describe('type guards', () => {
  it('narrow validated objects by type', () => {
    const indicator = valid(INDICATOR);
    expect(isIndicator(indicator)).toBe(true);
    if (isIndicator(indicator)) expect(indicator.pattern_type).toBe('stix');
    const malware = valid(MALWARE);
    expect(isMalware(malware) && malware.is_family).toBe(true);
    const rel = valid(RELATIONSHIP);
    expect(isRelationship(rel) && rel.target_ref).toBe(MALWARE.id);
    expect(isSighting(valid(SIGHTING))).toBe(true);
    expect(isMarkingDefinition(valid(STATEMENT_MARKING))).toBe(true);
    expect([isIntrusionSet(indicator), isThreatActor(indicator), isMalware(indicator)]).toEqual([false, false, false]);
  });
});

describe('objectVersionKey', () => {
  it('uses id + modified for versioned objects', () => {
    expect(objectVersionKey(valid(INDICATOR))).toEqual({ id: INDICATOR.id, modified: INDICATOR.modified });
  });

  it('uses created for marking definitions, which cannot be versioned', () => {
    expect(objectVersionKey(valid(STATEMENT_MARKING))).toEqual({
      id: STATEMENT_MARKING.id,
      modified: STATEMENT_MARKING.created,
    });
  });

  it('uses a fixed epoch for unversioned SCOs', () => {
    expect(objectVersionKey(valid(DOMAIN))).toEqual({ id: DOMAIN.id, modified: UNVERSIONED_EPOCH });
    expect(UNVERSIONED_EPOCH).toBe('1970-01-01T00:00:00.000Z');
  });
});
