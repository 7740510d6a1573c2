import { timestamptzMicros, type BinaryCopyWriter } from '../../core/db/copy-binary.ts';
import type { Pattern } from '../pattern/index.ts';
import { simpleComparisons } from '../pattern/index.ts';
import { tlpLevelOf, type StixObject, type TlpColour } from '../stix/index.ts';
import { isTimestamp } from '../stix/timestamp.ts';
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

/**
 * Writes a version's row for binary COPY (`importId` as uuidBytes), in VERSION_COPY_COLUMNS order, with 0 for its sequence number and true
 * for its latest flag: the storing thread writes both in place (see prepared-chunk.ts). Runs for every object of
 * an import, so it writes straight into the chunk's buffer. Timestamps are taken only when they are valid STIX
 * timestamps: a custom object's `valid_from` may be anything.
 */
export function writeVersionRow(
  w: BinaryCopyWriter,
  obj: StixObject,
  version: string,
  json: string,
  importId: Uint8Array,
) {
  const refs = obj.object_marking_refs ?? [];
  w.row(VERSION_COLUMN_COUNT);
  w.int8(0);
  w.bool(true);
  w.text(obj.id);
  w.text(obj.type);
  w.text(version);
  w.timestamptz(timestamptzMicros(version));
  w.text(obj.spec_version ?? null);
  w.bool(obj.revoked === true);
  w.json(json);
  w.text(typeof obj.name === 'string' ? obj.name : str(obj.value));
  w.text(refs.length > 0 ? strictestTlp(refs) : null);
  w.jsonb(refs.length > 0 ? JSON.stringify(refs) : '[]');
  w.bool((obj.granular_markings?.length ?? 0) > 0);
  w.int4(
    Number.isInteger(obj.confidence) && Math.abs(obj.confidence as number) < 2 ** 31
      ? (obj.confidence as number)
      : null,
  );
  w.timestamptz(time(obj.valid_from));
  w.timestamptz(time(obj.valid_until));
  w.text(str(obj.source_ref) ?? str(obj.sighting_of_ref));
  w.text(str(obj.target_ref));
  w.text(str(obj.relationship_type) ?? (obj.type === 'sighting' ? 'sighting-of' : null));
  w.uuid(importId);
}

export const VERSION_COLUMN_COUNT = 20;

const str = (v: unknown) => (typeof v === 'string' ? v : null);
const time = (v: unknown) => (isTimestamp(v) ? timestamptzMicros(v) : null);
