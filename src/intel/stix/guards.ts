import type {
  Indicator,
  IntrusionSet,
  Malware,
  MarkingDefinition,
  Relationship,
  Sighting,
  StixObject,
  ThreatActor,
} from './types.ts';

/**
 * Narrowing helpers for objects that passed `validateStixObject` / `validateBundle`. They look at
 * `type` only: the validator has already guaranteed the rest of the shape, so do not use them on
 * unvalidated input.
 */
export const isIndicator = (o: StixObject): o is Indicator => o.type === 'indicator';
export const isMalware = (o: StixObject): o is Malware => o.type === 'malware';
export const isIntrusionSet = (o: StixObject): o is IntrusionSet => o.type === 'intrusion-set';
export const isThreatActor = (o: StixObject): o is ThreatActor => o.type === 'threat-actor';
export const isRelationship = (o: StixObject): o is Relationship => o.type === 'relationship';
export const isSighting = (o: StixObject): o is Sighting => o.type === 'sighting';
export const isMarkingDefinition = (o: StixObject): o is MarkingDefinition => o.type === 'marking-definition';
