/**
 * STIX 2.1 object and bundle validation (OASIS STIX 2.1, sections 2-12).
 *
 * - `validateStixObject(obj, ctx?)` judges one object; `validateBundle(input, ctx?)` judges a bundle
 *   object by object, keeping the valid ones.
 * - Interpretations: `created`/`modified` need at least millisecond precision (section 3.2); any
 *   well-formed UUID is accepted in identifiers; unknown types are refused unless they start with
 *   `x-` or an extension declares them (new-sdo / new-sco / new-sro); open vocabularies are not
 *   enforced, enumerations are; unknown marking references are refused only inside a bundle or when
 *   `ctx.knownMarkingIds` is given.
 * - Objects nested deeper than 64 levels, strings over 1 MiB, cycles, `__proto__` keys and non-JSON
 *   values are refused before any other check; nothing ever throws.
 */
export type {
  BundleValidation,
  ExternalReference,
  GranularMarking,
  Indicator,
  IntrusionSet,
  KillChainPhase,
  Malware,
  MarkingDefinition,
  RejectedObject,
  Relationship,
  Sighting,
  StixObject,
  ThreatActor,
  ValidationContext,
  ValidationIssue,
  ValidationResult,
  VersionedObject,
} from './types.ts';
export { validateStixObject } from './validate-object.ts';
export { validateBundle } from './validate-bundle.ts';
export {
  isIndicator,
  isIntrusionSet,
  isMalware,
  isMarkingDefinition,
  isRelationship,
  isSighting,
  isThreatActor,
} from './guards.ts';
export { objectVersionKey, UNVERSIONED_EPOCH, type ObjectVersionKey } from './version-key.ts';
export {
  TLP,
  TLP2_EXTENSION_DEFINITION_ID,
  TLP_MARKING_IDS,
  tlpLevelOf,
  tlpMarkingDefinition,
  tlpMarkingOf,
  type TlpColour,
  type TlpLevel,
  type TlpMarking,
} from './tlp.ts';
export { parseIdentifier, isIdentifier, type ParsedIdentifier } from './identifier.ts';
export { compareTimestamps, parseTimestamp, isTimestamp, type ParsedTimestamp } from './timestamp.ts';
export { canonicalHashName } from './hashes.ts';
export { MAX_DEPTH, MAX_STRING_BYTES } from './size-guard.ts';
