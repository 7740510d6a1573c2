import { copyText } from '../../core/db/copy-text.ts';
import type { Pattern } from '../pattern/index.ts';
import { TLP_MARKING_IDS, type StixObject } from '../stix/index.ts';
import { isParsed, parseTimestamp } from '../stix/timestamp.ts';
import { UNVERSIONED_EPOCH } from '../stix/version-key.ts';
import { indicatorValues, type IndicatorValue } from './derive.ts';
import { checkObject } from './validate.ts';
import { SourceText } from '../sources/stix-stream.ts';

/** What the storing thread decides a version's fate on: what depends on the store and on the stream's order. */
export interface VersionFacts {
  id: string;
  type: string;
  /** The version's time, parsed: `YYYYMMDDHHmmss`, fraction digits without trailing zeros, digits written. */
  whole: string;
  fraction: string;
  precision: number;
  revoked: boolean;
  /** Marking references that are not standard TLP (object and granular), for the check against known ones. */
  markingRefs?: string[];
  /** For indicators, what the report counts them under: the first key, `complex` or `non-stix`. */
  indicatorKey?: string;
}

/**
 * One record made ready for the store: everything the database row needs, worked out without the database,
 * so it can be done on any thread. What is left for the storing thread is only what depends on the store
 * (is this version already held? is it the newest?) and on the order of the stream (marking definitions).
 */
export interface PreparedVersion extends VersionFacts {
  /** What its row is written from (see writeVersionRow): the object, its JSON as stored, its version. */
  object: StixObject;
  json: string;
  version: string;
  /** The indicator's look-up values as COPY text `stix_id \t key \t value`. */
  values: readonly string[];
}

export type PreparedRecord = { ok: true; version: PreparedVersion } | { ok: false; id?: string; reason: string };

/**
 * Validates one record and builds its row. Never throws: whatever is wrong with the record becomes its reason.
 * With the source's text the object is stored as written (after JSON.parse has shown it is JSON), which also
 * saves serialising it again.
 */
export function prepareRecord(input: unknown): PreparedRecord {
  let object: unknown = input;
  let text: string | undefined;
  if (input instanceof SourceText) {
    if (!input.utf8) return { ok: false, reason: `not valid UTF-8 in the record at byte ${input.offset}` };
    try {
      object = JSON.parse(input.text);
      text = input.text;
    } catch (error) {
      return { ok: false, reason: `not valid JSON at byte ${input.offset}: ${(error as Error).message}` };
    }
  }
  const checked = checkObject(object);
  if (!checked.ok) return { ok: false, ...(checked.id ? { id: checked.id } : {}), reason: checked.reason };
  try {
    return { ok: true, version: prepareVersion(checked.object, checked.pattern, text) };
  } catch (error) {
    // Nothing a validated object holds should fail here; if something does, it is this record's reason.
    return { ok: false, id: checked.object.id, reason: `could not be prepared: ${(error as Error).message}` };
  }
}

function prepareVersion(obj: StixObject, pattern: Pattern | undefined, text: string | undefined): PreparedVersion {
  const version = obj.modified ?? obj.created ?? UNVERSIONED_EPOCH;
  const time = parseTimestamp(version);
  // Validated objects carry valid timestamps; the epoch stand-in for unversioned objects parses too.
  if (!isParsed(time)) throw new Error(`unexpected version timestamp ${version}: ${time.problem}`);
  const prepared: PreparedVersion = {
    id: obj.id,
    type: obj.type,
    whole: time.whole,
    fraction: time.fraction,
    precision: time.precision,
    revoked: obj.revoked === true,
    object: obj,
    json: text ?? JSON.stringify(obj),
    version,
    values: NO_VALUES,
  };
  const refs = nonTlpMarkingRefs(obj);
  if (refs) prepared.markingRefs = refs;
  if (obj.type === 'indicator') {
    const found = pattern ? indicatorValues(pattern) : NO_FOUND;
    prepared.indicatorKey = found.length > 0 ? found[0]!.key : pattern ? 'complex' : 'non-stix';
    if (found.length > 0) {
      const id = obj.id;
      prepared.values = found.map((f) => `${id}\t${copyText(f.key)}\t${copyText(f.value)}`);
    }
  }
  return prepared;
}

const NO_VALUES: readonly string[] = [];
const NO_FOUND: readonly IndicatorValue[] = [];

/** The marking references of an object, object-level and granular, other than the standard TLP ones. */
function nonTlpMarkingRefs(obj: StixObject): string[] | undefined {
  let out: string[] | undefined;
  for (const ref of obj.object_marking_refs ?? NO_VALUES) if (!TLP_MARKING_IDS.has(ref)) (out ??= []).push(ref);
  for (const g of obj.granular_markings ?? []) {
    if (g.marking_ref && !TLP_MARKING_IDS.has(g.marking_ref)) (out ??= []).push(g.marking_ref);
  }
  return out;
}
