import type { StixObject } from './types.ts';

/**
 * The stand-in `modified` for objects STIX does not version (SCOs carry neither `created` nor
 * `modified`). All copies of such an object therefore share one version key, which matches the
 * specification: an unversioned object has only one version.
 */
export const UNVERSIONED_EPOCH = '1970-01-01T00:00:00.000Z';

export interface ObjectVersionKey {
  id: string;
  modified: string;
}

/**
 * A version of a STIX object is identified by `id` + `modified` (section 3.6). Objects without
 * `modified` use `created` instead: marking definitions cannot be versioned, so their creation time
 * is their only version. Objects with neither (SCOs) use UNVERSIONED_EPOCH.
 */
export function objectVersionKey(obj: StixObject): ObjectVersionKey {
  return { id: obj.id, modified: obj.modified ?? obj.created ?? UNVERSIONED_EPOCH };
}
