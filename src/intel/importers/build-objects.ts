import type { StixObject } from '../stix/index.ts';
import { deterministicId, UNDATED } from './ids.ts';

export interface IndicatorInput {
  key: string;
  value: string;
  pattern: string;
  name?: string;
  description?: string;
  labels?: string[];
  created?: string;
  /** Defaults to `created`. */
  modified?: string;
  markingRefs?: string[];
  /** A fixed id (MISP attribute uuid); otherwise derived from key and value. */
  id?: string;
}

/** A STIX indicator for one typed value. */
export function buildIndicator(input: IndicatorInput): StixObject {
  const created = input.created ?? UNDATED;
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: input.id ?? deterministicId('indicator', `${input.key}=${input.value}`),
    created,
    modified: input.modified ?? created,
    name: input.name ?? input.value,
    ...(input.description ? { description: input.description } : {}),
    indicator_types: ['malicious-activity'],
    pattern: input.pattern,
    pattern_type: 'stix',
    pattern_version: '2.1',
    valid_from: created,
    ...(input.labels?.length ? { labels: input.labels } : {}),
    ...(input.markingRefs?.length ? { object_marking_refs: input.markingRefs } : {}),
  };
}

/** An actor named in a list: an intrusion set, identified by its name. */
export function buildNamed(
  type: 'intrusion-set' | 'malware' | 'threat-actor',
  name: string,
  extra: Partial<StixObject> = {},
) {
  return {
    type,
    spec_version: '2.1',
    id: deterministicId(type, name.trim().toLowerCase()),
    created: UNDATED,
    modified: UNDATED,
    name: name.trim(),
    ...(type === 'malware' ? { is_family: true } : {}),
    ...extra,
  } as StixObject;
}

export function buildRelationship(type: string, source: string, target: string, created = UNDATED): StixObject {
  return {
    type: 'relationship',
    spec_version: '2.1',
    id: deterministicId('relationship', `${type}|${source}|${target}`),
    created,
    modified: created,
    relationship_type: type,
    source_ref: source,
    target_ref: target,
  };
}
