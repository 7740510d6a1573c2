import { TLP, tlpMarkingDefinition, type StixObject, type TlpLevel } from '../stix/index.ts';

const byId = new Map(
  (Object.keys(TLP) as TlpLevel[]).map((level) => [TLP[level].id, tlpMarkingDefinition(level) as StixObject]),
);

/** The published marking-definition object of a standard TLP marking id. */
export const tlpDefinitionById = (id: string): StixObject | undefined => byId.get(id);
