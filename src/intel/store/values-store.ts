import { sql } from 'kysely';
import type { IntelDb } from './tables.ts';

export interface ValueRow {
  object_seq: number;
  stix_id: string;
  key: string;
  value: string;
}

/** Adds the look-up values of newly stored indicator versions, in one statement per batch. */
export async function insertValues(db: IntelDb, rows: readonly ValueRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into intel_values (object_seq, stix_id, key, value)
    select r.object_seq, r.stix_id, r.key, r.value
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(object_seq bigint, stix_id text, key text, value text)
  `.execute(db);
}

/** Values belong to the latest version only: drop those of superseded versions. */
export async function deleteValuesOf(db: IntelDb, seqs: readonly number[]): Promise<void> {
  if (seqs.length === 0) return;
  await db.deleteFrom('intel_values').where('object_seq', 'in', seqs).execute();
}

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
