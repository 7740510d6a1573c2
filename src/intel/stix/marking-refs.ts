import { parseIdentifier } from './identifier.ts';
import { type Issues, at, isPlainObject, own, type JsonObject } from './issues.ts';
import { TLP_MARKING_IDS } from './tlp.ts';

/**
 * Reports marking references that resolve to nothing the consumer knows: not a standard TLP
 * marking, not in the caller's set and not defined in the same bundle. Malformed references are
 * reported by the common-property checks and skipped here.
 */
export function checkMarkingRefsKnown(o: JsonObject, known: ReadonlySet<string>, out: Issues): void {
  const self = own(o, 'id');
  const check = (value: unknown, path: string) => {
    if (typeof value !== 'string' || value === self || parseIdentifier(value)?.type !== 'marking-definition') return;
    if (TLP_MARKING_IDS.has(value) || known.has(value)) return;
    out.add(
      path,
      `unknown marking definition ${value}: it is not a standard TLP marking, not known to this system and not defined in the same bundle`,
    );
  };
  const refs = own(o, 'object_marking_refs');
  if (Array.isArray(refs)) refs.forEach((r, i) => check(r, at('/object_marking_refs', i)));
  const granular = own(o, 'granular_markings');
  if (Array.isArray(granular)) {
    granular.forEach((g, i) => {
      if (isPlainObject(g)) check(own(g, 'marking_ref'), at(at('/granular_markings', i), 'marking_ref'));
    });
  }
}
