import { sql } from 'kysely';
import type { IntelDb } from '../store/tables.ts';

export interface ActiveValue {
  /** The indicator's STIX id. */
  indicatorId: string;
  /** `<object type>:<path>`, hash keys canonical: `domain-name:value`, `file:hashes.'SHA-256'`, ... */
  key: string;
  /** Normalised as in values/normalize.ts. */
  value: string;
}

export interface ActivePattern {
  indicatorId: string;
  pattern: string;
}

const activeAt = (at: Date) => sql<boolean>`o.is_latest and not o.revoked
  and (o.valid_from is null or o.valid_from <= ${at}) and (o.valid_until is null or o.valid_until > ${at})`;

/**
 * The values of every active indicator (latest version, not revoked, valid at `at`), a page at a time in
 * insertion order: what the detection engine compiles its matcher from. `after` is the last `seq` seen.
 */
export async function activeValues(db: IntelDb, at: Date, after = 0, limit = 50_000) {
  const rows = await db
    .selectFrom('intel_values as v')
    .innerJoin('intel_objects as o', 'o.seq', 'v.object_seq')
    .select(['v.object_seq as seq', 'v.stix_id', 'v.key', 'v.value'])
    .where(activeAt(at))
    .where('v.object_seq', '>', after)
    .orderBy('v.object_seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ seq: Number(r.seq), indicatorId: r.stix_id, key: r.key, value: r.value }));
}

/** Active STIX-pattern indicators that are not a set of simple comparisons (evaluated whole by the engine). */
export async function activeComplexPatterns(db: IntelDb, at: Date): Promise<ActivePattern[]> {
  const rows = await db
    .selectFrom('intel_objects as o')
    .select(['o.stix_id', sql<string>`o.object->>'pattern'`.as('pattern')])
    .where('o.type', '=', 'indicator')
    .where(activeAt(at))
    .where(sql<boolean>`o.object->>'pattern_type' = 'stix'`)
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('intel_values as v').select('v.object_seq').whereRef('v.object_seq', '=', 'o.seq')),
      ),
    )
    .execute();
  return rows.map((r) => ({ indicatorId: r.stix_id, pattern: r.pattern }));
}

/** Changes whenever any object is stored: the detection engine rebuilds its index when it moves. */
export async function intelWatermark(db: IntelDb): Promise<number> {
  const row = await db
    .selectFrom('intel_objects')
    .select((eb) => eb.fn.max('seq').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}
