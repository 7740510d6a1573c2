/**
 * The standard TLP marking definitions.
 *
 * TLP 1.0: the four marking definitions predefined by STIX 2.1 section 7.2.1.4 (created 2017-01-20,
 * `definition_type: "tlp"`). TLP 2.0: the five published by OASIS in cti-stix-common-objects
 * (extension-definition-specifications/tlp-2.0), marked through the property extension
 * `extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d` with `tlp_2_0` set to the level
 * (created 2022-10-01). TLP 1.0 WHITE corresponds to TLP 2.0 CLEAR, so both report level `clear`.
 */

export type TlpLevel =
  'V1_WHITE' | 'V1_GREEN' | 'V1_AMBER' | 'V1_RED' | 'V2_CLEAR' | 'V2_GREEN' | 'V2_AMBER' | 'V2_AMBER_STRICT' | 'V2_RED';

export type TlpColour = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';

export interface TlpMarking {
  id: string;
  version: '1.0' | '2.0';
  name: string;
  level: TlpColour;
}

export const TLP2_EXTENSION_DEFINITION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

export const TLP: Readonly<Record<TlpLevel, TlpMarking>> = Object.freeze({
  V1_WHITE: {
    id: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
    version: '1.0',
    name: 'TLP:WHITE',
    level: 'clear',
  },
  V1_GREEN: {
    id: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
    version: '1.0',
    name: 'TLP:GREEN',
    level: 'green',
  },
  V1_AMBER: {
    id: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
    version: '1.0',
    name: 'TLP:AMBER',
    level: 'amber',
  },
  V1_RED: {
    id: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
    version: '1.0',
    name: 'TLP:RED',
    level: 'red',
  },
  V2_CLEAR: {
    id: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
    version: '2.0',
    name: 'TLP:CLEAR',
    level: 'clear',
  },
  V2_GREEN: {
    id: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
    version: '2.0',
    name: 'TLP:GREEN',
    level: 'green',
  },
  V2_AMBER: {
    id: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
    version: '2.0',
    name: 'TLP:AMBER',
    level: 'amber',
  },
  V2_AMBER_STRICT: {
    id: 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
    version: '2.0',
    name: 'TLP:AMBER+STRICT',
    level: 'amber+strict',
  },
  V2_RED: {
    id: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
    version: '2.0',
    name: 'TLP:RED',
    level: 'red',
  },
});

const BY_ID: ReadonlyMap<string, TlpMarking> = new Map(Object.values(TLP).map((m) => [m.id, m]));

/** Every standard TLP marking-definition id (1.0 and 2.0). */
export const TLP_MARKING_IDS: ReadonlySet<string> = new Set(BY_ID.keys());

export function tlpMarkingOf(markingId: string): TlpMarking | null {
  return BY_ID.get(markingId) ?? null;
}

/** The TLP level a marking-definition id stands for, or null when it is not a standard TLP marking. */
export function tlpLevelOf(markingId: string): TlpColour | null {
  return BY_ID.get(markingId)?.level ?? null;
}

/** The TLP 1.0 `definition.tlp` value of each predefined TLP 1.0 marking (section 7.2.1.4). */
export const TLP1_DEFINITION: Readonly<Record<string, 'white' | 'green' | 'amber' | 'red'>> = {
  [TLP.V1_WHITE.id]: 'white',
  [TLP.V1_GREEN.id]: 'green',
  [TLP.V1_AMBER.id]: 'amber',
  [TLP.V1_RED.id]: 'red',
};

/** The published marking-definition object for a standard TLP marking, ready to embed in a bundle. */
export function tlpMarkingDefinition(level: TlpLevel): Record<string, unknown> {
  const m = TLP[level];
  if (m.version === '1.0') {
    return {
      type: 'marking-definition',
      spec_version: '2.1',
      id: m.id,
      created: '2017-01-20T00:00:00.000Z',
      definition_type: 'tlp',
      name: m.name,
      definition: { tlp: TLP1_DEFINITION[m.id] },
    };
  }
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: m.id,
    created: '2022-10-01T00:00:00.000Z',
    name: m.name,
    extensions: { [TLP2_EXTENSION_DEFINITION_ID]: { extension_type: 'property-extension', tlp_2_0: m.level } },
  };
}
