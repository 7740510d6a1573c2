import { checkOrder } from './cross-checks.ts';
import { identifierType } from './identifier.ts';
import { type Issues, at, has, isPlainObject, own, show, type JsonObject } from './issues.ts';
import { isMetaType, isSdoType, isSroType } from './object-types.ts';
import type { ValidationContext } from './types.ts';

/** Cross-property rules of STIX Domain Objects (section 4). */

export const seenOrder = (o: JsonObject, out: Issues) => checkOrder(o, 'first_seen', 'last_seen', false, out);

/** Section 4.1 / 4.19: CAPEC and CVE ids in external references have a fixed form. */
export function externalIdForm(source: string, pattern: RegExp, form: string) {
  return (o: JsonObject, out: Issues) => {
    const list = own(o, 'external_references');
    if (!Array.isArray(list)) return;
    list.forEach((entry, i) => {
      if (!isPlainObject(entry) || own(entry, 'source_name') !== source) return;
      const id = own(entry, 'external_id');
      if (typeof id === 'string' && !pattern.test(id)) {
        out.add(
          at(at('/external_references', i), 'external_id'),
          `external_id ${show(id)} for source_name "${source}" must be formatted as ${form}`,
        );
      }
    });
  };
}

/** Section 4.14: observed-data carries either `objects` (deprecated) or `object_refs`, never both. */
export function observedDataContent(o: JsonObject, out: Issues) {
  const hasObjects = has(o, 'objects');
  const hasRefs = has(o, 'object_refs');
  if (!hasObjects && !hasRefs) out.add('', 'exactly one of objects or object_refs must be present');
  if (hasObjects && hasRefs) out.add('/objects', 'objects must not be present together with object_refs');
  const objects = own(o, 'objects');
  if (hasObjects) {
    if (!isPlainObject(objects) || Object.keys(objects).length === 0) {
      out.add('/objects', 'objects must be a dictionary holding at least one cyber-observable object');
    } else {
      for (const [key, sco] of Object.entries(objects)) {
        if (!isPlainObject(sco) || typeof own(sco, 'type') !== 'string') {
          out.add(at('/objects', key), 'each entry of objects must be an object with a string type');
        }
      }
    }
  }
  const list = own(o, 'object_refs');
  if (!Array.isArray(list)) return;
  let sco = false;
  list.forEach((entry, i) => {
    const type = identifierType(entry);
    if (type === null) return; // reported by the property table
    if (isSdoType(type) || isMetaType(type)) {
      out.add(at('/object_refs', i), `object_refs may only reference SCOs and SROs (got ${type})`);
    } else if (!isSroType(type)) {
      sco = true; // a known SCO, or a custom type that may be one
    }
  });
  if (!sco && list.length > 0) out.add('/object_refs', 'object_refs must contain at least one SCO reference');
}

export function locationRules(o: JsonObject, out: Issues) {
  const lat = has(o, 'latitude');
  const long = has(o, 'longitude');
  if (!has(o, 'region') && !has(o, 'country') && !(lat && long)) {
    out.add('', 'at least one of region, country, or latitude and longitude must be present');
  }
  if (lat && !long) out.add('/latitude', 'latitude requires longitude to be present');
  if (long && !lat) out.add('/longitude', 'longitude requires latitude to be present');
  if (has(o, 'precision') && !(lat && long))
    out.add('/precision', 'precision requires latitude and longitude to be present');
}

/** Section 4.7: validity window, and the pattern itself when a pattern checker is supplied. */
export function indicatorChecks(o: JsonObject, out: Issues, ctx: ValidationContext): void {
  checkOrder(o, 'valid_from', 'valid_until', true, out);
  const pattern = own(o, 'pattern');
  const patternType = own(o, 'pattern_type');
  if (ctx.checkPattern && typeof pattern === 'string' && pattern.trim() !== '' && typeof patternType === 'string') {
    let problem: string | null;
    try {
      problem = ctx.checkPattern(pattern, patternType);
    } catch (err) {
      problem = `the pattern checker failed (${err instanceof Error ? err.message : String(err)})`;
    }
    if (problem !== null) out.add('/pattern', `pattern is not a valid ${patternType} pattern: ${problem}`);
  }
}
