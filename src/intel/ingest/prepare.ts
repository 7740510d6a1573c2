import { copyText } from '../../core/db/bulk.ts';
import { TLP_MARKING_IDS, objectVersionKey, type StixObject } from '../stix/index.ts';
import { isParsed, parseTimestamp } from '../stix/timestamp.ts';
import { indicatorValues, versionColumns } from './derive.ts';
import { checkObject } from './validate.ts';
import { SourceText } from '../sources/stix-stream.ts';

/**
 * One record made ready for the store: everything the database row needs, worked out without the database,
 * so it can be done on any thread. What is left for the storing thread is only what depends on the store
 * (is this version already held? is it the newest?) and on the order of the stream (marking definitions).
 */
export interface PreparedVersion {
  id: string;
  type: string;
  /** The version's time, parsed: `YYYYMMDDHHmmss`, fraction digits without trailing zeros, digits written. */
  whole: string;
  fraction: string;
  precision: number;
  revoked: boolean;
  /** Marking references that are not standard TLP (object and granular), for the check against known ones. */
  markingRefs?: string[];
  /** The row's COPY text from `stix_id` on, in the order of VERSION_COPY_COLUMNS' tail. */
  row: string;
  /** The indicator's look-up values as COPY text `stix_id \t key \t value`. */
  values: string[];
  /** For indicators, what the report counts them under: the first key, `complex` or `non-stix`. */
  indicatorKey?: string;
}

export type PreparedRecord = { ok: true; version: PreparedVersion } | { ok: false; id?: string; reason: string };

/**
 * Validates one record and builds its row. Never throws: whatever is wrong with the record becomes its reason.
 * With the source's text the object is stored as written (after JSON.parse has shown it is JSON), which also
 * saves serialising it again.
 */
export function prepareRecord(input: unknown, importId: string): PreparedRecord {
  let object: unknown = input;
  let text: string | undefined;
  if (input instanceof SourceText) {
    try {
      object = JSON.parse(input.text);
      text = input.text;
    } catch (error) {
      return { ok: false, reason: `not valid JSON at byte ${input.offset}: ${(error as Error).message}` };
    }
  }
  const checked = checkObject(object);
  if (!checked.ok) return { ok: false, ...(checked.id ? { id: checked.id } : {}), reason: checked.reason };
  return { ok: true, version: prepareVersion(checked.object, checked.pattern, text, importId) };
}

function prepareVersion(
  obj: StixObject,
  pattern: Parameters<typeof indicatorValues>[0] | undefined,
  text: string | undefined,
  importId: string,
): PreparedVersion {
  const c = versionColumns(obj);
  const time = parseTimestamp(objectVersionKey(obj).modified);
  // Validated objects carry valid timestamps; the epoch stand-in for unversioned objects parses too.
  if (!isParsed(time)) throw new Error(`unexpected version timestamp ${c.version}: ${time.problem}`);
  const row = [
    c.stix_id,
    c.type,
    c.version,
    c.modified_at,
    c.spec_version,
    c.revoked,
    text ?? JSON.stringify(obj),
    c.name,
    c.tlp,
    JSON.stringify(c.marking_refs),
    c.has_granular_markings,
    c.confidence,
    c.valid_from,
    c.valid_until,
    c.source_ref,
    c.target_ref,
    c.relationship_type,
    importId,
  ]
    .map(copyText)
    .join('\t');
  const prepared: PreparedVersion = {
    id: obj.id,
    type: obj.type,
    whole: time.whole,
    fraction: time.fraction,
    precision: time.precision,
    revoked: c.revoked,
    row,
    values: [],
  };
  const refs = markingRefsOf(obj);
  if (refs.length > 0) prepared.markingRefs = refs;
  if (obj.type === 'indicator') {
    const found = pattern ? indicatorValues(pattern) : [];
    prepared.indicatorKey = found.length > 0 ? found[0]!.key : pattern ? 'complex' : 'non-stix';
    const id = copyText(obj.id);
    prepared.values = found.map((f) => `${id}\t${copyText(f.key)}\t${copyText(f.value)}`);
  }
  return prepared;
}

/** The marking references of an object, object-level and granular, other than the standard TLP ones. */
function markingRefsOf(obj: StixObject): string[] {
  const refs = [
    ...(obj.object_marking_refs ?? []),
    ...(obj.granular_markings ?? []).flatMap((g) => (g.marking_ref ? [g.marking_ref] : [])),
  ];
  return refs.filter((ref) => !TLP_MARKING_IDS.has(ref));
}
