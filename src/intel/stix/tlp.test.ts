import { describe, expect, it } from 'vitest';
import { SPEC_META_EXAMPLES } from './fixtures/spec-other-examples.ts';
import {
  TLP,
  TLP2_EXTENSION_DEFINITION_ID,
  TLP_MARKING_IDS,
  tlpLevelOf,
  tlpMarkingDefinition,
  tlpMarkingOf,
  type TlpLevel,
} from './tlp.ts';
import { validateStixObject } from './validate-object.ts';

describe('standard TLP marking definitions', () => {
  it('uses the ids published in STIX 2.1 section 7.2.1.4 (TLP 1.0)', () => {
    expect(TLP.V1_WHITE.id).toBe('marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9');
    expect(TLP.V1_GREEN.id).toBe('marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da');
    expect(TLP.V1_AMBER.id).toBe('marking-definition--f88d31f6-486f-44da-b317-01333bde0b82');
    expect(TLP.V1_RED.id).toBe('marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed');
  });

  it('uses the ids OASIS published for TLP 2.0 (cti-stix-common-objects, tlp-2.0)', () => {
    expect(TLP.V2_CLEAR.id).toBe('marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487');
    expect(TLP.V2_GREEN.id).toBe('marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb');
    expect(TLP.V2_AMBER.id).toBe('marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421');
    expect(TLP.V2_AMBER_STRICT.id).toBe('marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003');
    expect(TLP.V2_RED.id).toBe('marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1');
    expect(TLP2_EXTENSION_DEFINITION_ID).toBe('extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d');
  });

  it('maps ids to levels, TLP:WHITE to clear', () => {
    expect(tlpLevelOf(TLP.V1_WHITE.id)).toBe('clear');
    expect(tlpLevelOf(TLP.V2_CLEAR.id)).toBe('clear');
    expect(tlpLevelOf(TLP.V1_AMBER.id)).toBe('amber');
    expect(tlpLevelOf(TLP.V2_AMBER_STRICT.id)).toBe('amber+strict');
    expect(tlpLevelOf('marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd')).toBeNull();
    expect(tlpMarkingOf(TLP.V2_RED.id)).toEqual({ id: TLP.V2_RED.id, version: '2.0', name: 'TLP:RED', level: 'red' });
    expect(TLP_MARKING_IDS.size).toBe(9);
  });

  it.each(Object.keys(TLP) as TlpLevel[])('publishes a valid marking-definition object for %s', (level) => {
    const result = validateStixObject(tlpMarkingDefinition(level));
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('matches the published objects byte for byte', () => {
    const published = SPEC_META_EXAMPLES['TLP 2.0 (OASIS cti-stix-common-objects)'] ?? [];
    expect(published.map((o) => JSON.stringify(o))).toEqual(
      (['V2_CLEAR', 'V2_GREEN', 'V2_AMBER', 'V2_AMBER_STRICT', 'V2_RED'] as const).map((l) =>
        JSON.stringify(tlpMarkingDefinition(l)),
      ),
    );
    const spec = SPEC_META_EXAMPLES['7.2 marking-definition']?.slice(1) ?? [];
    expect(spec.map((o) => JSON.stringify(o))).toEqual(
      (['V1_WHITE', 'V1_GREEN', 'V1_AMBER', 'V1_RED'] as const).map((l) => JSON.stringify(tlpMarkingDefinition(l))),
    );
  });
});
