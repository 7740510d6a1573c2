import { checkOrder } from './cross-checks.ts';
import { identifierType } from './identifier.ts';
import { type Issues, own, type JsonObject } from './issues.ts';
import { isMetaType, isScoType, isSroType } from './object-types.ts';
import { bool, int, ref, refs, required, str, ts } from './props.ts';
import type { TypeRule } from './rule.ts';

/** STIX Relationship Objects (section 5). */

/** What a reference points to, when its type is one the specification defines as a non-SDO. */
function nonSdoKind(type: string): string | null {
  if (type === 'bundle') return 'a bundle';
  if (isSroType(type)) return `an SRO (${type})`;
  if (isMetaType(type)) return `a ${type}`;
  if (isScoType(type)) return `an SCO (${type})`;
  return null;
}

/** Section 5.1: relationship endpoints are SDOs or SCOs, never SROs, bundles or meta objects. */
function endpoint(o: JsonObject, field: 'source_ref' | 'target_ref', out: Issues) {
  const type = identifierType(own(o, field));
  if (type === null || isScoType(type)) return;
  const kind = nonSdoKind(type);
  if (kind) out.add(`/${field}`, `${field} must reference an SDO or SCO, not ${kind}`);
}

export const SRO_RULES: Readonly<Record<string, TypeRule>> = {
  relationship: {
    category: 'sro',
    props: {
      relationship_type: required(
        str({ pattern: /^[a-z0-9-]+$/, hint: 'may only contain lowercase ASCII letters, digits and hyphens' }),
      ),
      description: str(),
      source_ref: required(ref()),
      target_ref: required(ref()),
      start_time: ts(),
      stop_time: ts(),
    },
    check: (o, out) => {
      endpoint(o, 'source_ref', out);
      endpoint(o, 'target_ref', out);
      checkOrder(o, 'start_time', 'stop_time', true, out);
    },
  },
  sighting: {
    category: 'sro',
    props: {
      description: str(),
      first_seen: ts(),
      last_seen: ts(),
      count: int(0, 999_999_999),
      sighting_of_ref: required(ref()),
      observed_data_refs: refs('observed-data'),
      where_sighted_refs: refs('identity', 'location'),
      summary: bool(),
    },
    check: (o, out) => {
      const type = identifierType(own(o, 'sighting_of_ref'));
      const kind = type === null ? null : nonSdoKind(type);
      if (kind) out.add('/sighting_of_ref', `sighting_of_ref must reference an SDO, not ${kind}`);
      checkOrder(o, 'first_seen', 'last_seen', false, out);
    },
  },
};
