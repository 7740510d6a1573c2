import { randomUUID } from 'node:crypto';
import { TLP } from '../../src/intel/stix/index.ts';

export const T0 = '2026-01-01T00:00:00.000Z';
export const later = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

export const indicator = (value: string, extra: Record<string, unknown> = {}) => ({
  type: 'indicator',
  spec_version: '2.1',
  id: `indicator--${randomUUID()}`,
  created: T0,
  modified: T0,
  pattern: `[domain-name:value = '${value}']`,
  pattern_type: 'stix',
  valid_from: T0,
  ...extra,
});

export const sdo = (type: string, name: string, extra: Record<string, unknown> = {}) => ({
  type,
  spec_version: '2.1',
  id: `${type}--${randomUUID()}`,
  created: T0,
  modified: T0,
  name,
  ...(type === 'malware' ? { is_family: true } : {}),
  ...extra,
});

export const relationship = (type: string, source: string, target: string) => ({
  type: 'relationship',
  spec_version: '2.1',
  id: `relationship--${randomUUID()}`,
  created: T0,
  modified: T0,
  relationship_type: type,
  source_ref: source,
  target_ref: target,
});

export const bundle = (...objects: object[]) => ({ type: 'bundle', id: `bundle--${randomUUID()}`, objects });

export const TLP_RED = TLP.V2_RED.id;
export const TLP_AMBER = TLP.V2_AMBER.id;
