/**
 * Public types of the STIX 2.1 validator. A `StixObject` is only handed out after validation, so its
 * typed members can be trusted; everything not listed stays `unknown` and must be narrowed by the reader.
 */

/** One reason an object (or bundle) was refused. `path` is a JSON Pointer into the object ('' = the object itself). */
export interface ValidationIssue {
  path: string;
  message: string;
}

export interface ValidationContext {
  /**
   * Checks an indicator's `pattern` (written by the pattern-parser component). Returns an error message,
   * or null when the pattern is acceptable. Without it, `pattern` only has to be a non-empty string.
   */
  checkPattern?: (pattern: string, patternType: string) => string | null;
  /**
   * Marking definitions known to the caller besides the standard TLP ones. When given (and always inside
   * a bundle), a marking reference that is neither TLP, nor in this set, nor defined in the same bundle is refused.
   */
  knownMarkingIds?: ReadonlySet<string>;
}

export type ValidationResult =
  { ok: true; object: StixObject } | { ok: false; id?: string; type?: string; errors: ValidationIssue[] };

export interface RejectedObject {
  index: number;
  id?: string;
  type?: string;
  errors: ValidationIssue[];
}

export interface BundleValidation {
  bundleErrors: ValidationIssue[];
  accepted: StixObject[];
  rejected: RejectedObject[];
}

export interface ExternalReference {
  source_name: string;
  description?: string;
  url?: string;
  hashes?: Record<string, string>;
  external_id?: string;
}

export interface GranularMarking {
  selectors: string[];
  marking_ref?: string;
  lang?: string;
}

export interface KillChainPhase {
  kill_chain_name: string;
  phase_name: string;
}

/** Any validated STIX 2.1 object: SDO, SRO, SCO, meta object or custom object. */
export interface StixObject {
  type: string;
  id: string;
  spec_version?: string;
  created?: string;
  modified?: string;
  created_by_ref?: string;
  revoked?: boolean;
  labels?: string[];
  confidence?: number;
  lang?: string;
  external_references?: ExternalReference[];
  object_marking_refs?: string[];
  granular_markings?: GranularMarking[];
  extensions?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/** Common properties every validated SDO and SRO carries. */
export interface VersionedObject extends StixObject {
  spec_version: '2.1';
  created: string;
  modified: string;
}

export interface Indicator extends VersionedObject {
  type: 'indicator';
  name?: string;
  description?: string;
  indicator_types?: string[];
  pattern: string;
  pattern_type: string;
  pattern_version?: string;
  valid_from: string;
  valid_until?: string;
  kill_chain_phases?: KillChainPhase[];
}

export interface Malware extends VersionedObject {
  type: 'malware';
  is_family: boolean;
  name?: string;
  description?: string;
  malware_types?: string[];
  aliases?: string[];
  kill_chain_phases?: KillChainPhase[];
  first_seen?: string;
  last_seen?: string;
  operating_system_refs?: string[];
  architecture_execution_envs?: string[];
  implementation_languages?: string[];
  capabilities?: string[];
  sample_refs?: string[];
}

export interface IntrusionSet extends VersionedObject {
  type: 'intrusion-set';
  name: string;
  description?: string;
  aliases?: string[];
  first_seen?: string;
  last_seen?: string;
  goals?: string[];
  resource_level?: string;
  primary_motivation?: string;
  secondary_motivations?: string[];
}

export interface ThreatActor extends VersionedObject {
  type: 'threat-actor';
  name: string;
  description?: string;
  threat_actor_types?: string[];
  aliases?: string[];
  first_seen?: string;
  last_seen?: string;
  roles?: string[];
  goals?: string[];
  sophistication?: string;
  resource_level?: string;
  primary_motivation?: string;
  secondary_motivations?: string[];
  personal_motivations?: string[];
}

export interface Relationship extends VersionedObject {
  type: 'relationship';
  relationship_type: string;
  description?: string;
  source_ref: string;
  target_ref: string;
  start_time?: string;
  stop_time?: string;
}

export interface Sighting extends VersionedObject {
  type: 'sighting';
  description?: string;
  first_seen?: string;
  last_seen?: string;
  count?: number;
  sighting_of_ref: string;
  observed_data_refs?: string[];
  where_sighted_refs?: string[];
  summary?: boolean;
}

/** Marking definitions are not versioned: they have `created` but no `modified`. */
export interface MarkingDefinition extends StixObject {
  type: 'marking-definition';
  spec_version: '2.1';
  created: string;
  name?: string;
  definition_type?: string;
  definition?: Record<string, unknown>;
}
