import { tlpLevelOf } from '../intel/service.ts';
import type { Release } from './store/tables.ts';

/**
 * How far an object version may travel through TAXII, from its own markings (TLP 2.0, TLP 1.0 alike).
 * Fail closed: TLP:RED, any marking that is not a standard TLP marking (we cannot know what it allows),
 * any granular marking (parts of the object are marked differently, and we serve whole objects), or a
 * malformed marking list all withhold the object. AMBER and AMBER+STRICT go only to the collection's amber groups.
 * An object with no marking at all was published deliberately and is open.
 */
export function releaseOf(object: Readonly<Record<string, unknown>>): Release {
  if (object.granular_markings !== undefined) return 'withheld';
  const refs = object.object_marking_refs;
  if (refs === undefined) return 'open';
  if (!Array.isArray(refs)) return 'withheld';
  let release: Release = 'open';
  for (const ref of refs) {
    const level = typeof ref === 'string' ? tlpLevelOf(ref) : null;
    if (level === null || level === 'red') return 'withheld';
    if (level === 'amber' || level === 'amber+strict') release = 'amber';
  }
  return release;
}

/** The releases a reader may receive: amber ones only when the collection counts them among its amber groups. */
export const releasesFor = (amberAllowed: boolean): Release[] => (amberAllowed ? ['open', 'amber'] : ['open']);
