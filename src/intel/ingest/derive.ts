import type { Pattern } from '../pattern/index.ts';
import { simpleComparisons } from '../pattern/index.ts';
import { objectVersionKey, tlpLevelOf, type StixObject, type TlpColour } from '../stix/index.ts';
import { normalizeValue } from '../values/normalize.ts';

const TLP_ORDER: readonly TlpColour[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

/** The strictest standard TLP level among an object's markings, or null when it carries none. */
export function strictestTlp(markingRefs: readonly string[]): TlpColour | null {
  let best = -1;
  for (const ref of markingRefs) {
    const level = tlpLevelOf(ref);
    if (level) best = Math.max(best, TLP_ORDER.indexOf(level));
  }
  return best < 0 ? null : TLP_ORDER[best]!;
}

export interface IndicatorValue {
  key: string;
  value: string;
}

/**
 * The values a simple indicator pattern compares against, normalised (see values/normalize.ts); empty for complex
 * patterns, which the detection engine evaluates as a whole.
 */
export function indicatorValues(pattern: Pattern): IndicatorValue[] {
  const comparisons = simpleComparisons(pattern);
  if (!comparisons) return [];
  const out: IndicatorValue[] = [];
  for (const c of comparisons) {
    const key = `${c.objectType}:${c.path}`;
    const value = normalizeValue(key, String(c.value));
    if (value !== null && value !== '') out.push({ key, value });
  }
  return out;
}

/** The columns the store keeps beside each version, for filtering without opening the JSON. */
export function versionColumns(obj: StixObject) {
  const markingRefs = obj.object_marking_refs ?? [];
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const version = objectVersionKey(obj).modified;
  return {
    stix_id: obj.id,
    type: obj.type,
    version,
    modified_at: version,
    spec_version: obj.spec_version ?? null,
    revoked: obj.revoked === true,
    name: str(obj.name) ?? str(obj.value),
    tlp: strictestTlp(markingRefs),
    marking_refs: markingRefs,
    has_granular_markings: (obj.granular_markings?.length ?? 0) > 0,
    confidence: typeof obj.confidence === 'number' ? obj.confidence : null,
    valid_from: str(obj.valid_from),
    valid_until: str(obj.valid_until),
    source_ref: str(obj.source_ref) ?? str(obj.sighting_of_ref),
    target_ref: str(obj.target_ref),
    relationship_type: str(obj.relationship_type) ?? (obj.type === 'sighting' ? 'sighting-of' : null),
  };
}

export type VersionColumns = ReturnType<typeof versionColumns>;
