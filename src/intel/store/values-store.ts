import type { IntelDb } from './tables.ts';

/** Indicator versions whose values include any of `values` under `key`. */
export async function findByValues(db: IntelDb, key: string | readonly string[], values: readonly string[]) {
  if (values.length === 0) return [];
  const keys = typeof key === 'string' ? [key] : key;
  return db
    .selectFrom('intel_values')
    .select(['object_seq', 'stix_id', 'key', 'value'])
    .where('key', 'in', keys)
    .where('value', 'in', values)
    .execute();
}

/** Every CIDR range stored under these keys (ranges are matched in code, longest prefix first). */
export async function rangeValues(db: IntelDb, keys: readonly string[]) {
  return db
    .selectFrom('intel_values')
    .select(['object_seq', 'stix_id', 'key', 'value'])
    .where('key', 'in', keys)
    .where('value', 'like', '%/%')
    .execute();
}
