import { sql } from 'kysely';
import { findNamed } from '../store/read-store.ts';
import type { IntelDb } from '../store/tables.ts';
import { ACTOR_TYPES, actorScope } from './graph.ts';

export interface ObjectFilter {
  /** STIX type, e.g. `indicator`, `malware`. */
  type?: string;
  /** Indicators whose pattern compares this key, e.g. `domain-name:value`, `file:hashes.'SHA-256'`. */
  key?: string;
  /** Indicators of an actor or malware, by name, alias or id (and what it answers for; see actorScope). */
  actor?: string;
  /** Indicators valid at this time (valid_from ≤ t < valid_until). */
  validAt?: Date;
  includeRevoked?: boolean;
  /** Objects added after this time (TAXII's `added_after`). */
  addedAfter?: Date;
  /** Keyset pagination: the `next` value of the previous page. */
  after?: number;
  limit?: number;
}

export class UnknownActorError extends Error {}

/** Ids of the objects an actor filter stands for; empty when nothing by that name is stored. */
export async function resolveActor(db: IntelDb, actor: string): Promise<Set<string>> {
  const named = await findNamed(db, actor, ACTOR_TYPES);
  if (named.length === 0) return new Set();
  return actorScope(
    db,
    named.map((n) => n.stix_id),
  );
}

/** The latest version of the objects matching a filter, in insertion order, one page at a time. */
export async function listObjects(db: IntelDb, filter: ObjectFilter) {
  const limit = Math.min(Math.max(filter.limit ?? 100, 1), 10_000);
  let query = db.selectFrom('intel_objects as o').selectAll('o').where('o.is_latest', '=', true);
  if (!filter.includeRevoked) query = query.where('o.revoked', '=', false);
  if (filter.type) query = query.where('o.type', '=', filter.type);
  if (filter.key) {
    const key = filter.key;
    query = query
      .where('o.type', '=', 'indicator')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('intel_values as v')
            .select('v.object_seq')
            .whereRef('v.object_seq', '=', 'o.seq')
            .where('v.key', '=', key),
        ),
      );
  }
  if (filter.actor) {
    const scope = [...(await resolveActor(db, filter.actor))];
    if (scope.length === 0)
      throw new UnknownActorError(`no actor, intrusion set, campaign or malware named ${filter.actor}`);
    query = query
      .where('o.type', '=', 'indicator')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('intel_objects as r')
            .select('r.seq')
            .where('r.is_latest', '=', true)
            .where('r.revoked', '=', false)
            .where('r.relationship_type', '=', 'indicates')
            .whereRef('r.source_ref', '=', 'o.stix_id')
            .where('r.target_ref', 'in', scope),
        ),
      );
  }
  if (filter.validAt) {
    const at = filter.validAt;
    query = query
      .where((eb) => eb.or([eb('o.valid_from', 'is', null), eb('o.valid_from', '<=', at)]))
      .where((eb) => eb.or([eb('o.valid_until', 'is', null), eb('o.valid_until', '>', at)]));
  }
  if (filter.addedAfter) query = query.where('o.added_at', '>', filter.addedAfter);
  if (filter.after !== undefined) query = query.where('o.seq', '>', filter.after);
  const rows = await query
    .orderBy('o.seq')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  return { objects: page, next: rows.length > limit ? Number(page[page.length - 1]!.seq) : null };
}

/** Actors, intrusion sets, campaigns, malware and tools, with how many current indicators point at each. */
export async function listActors(db: IntelDb) {
  const rows = await db
    .selectFrom('intel_objects as a')
    .leftJoin('intel_objects as r', (join) =>
      join
        .onRef('r.target_ref', '=', 'a.stix_id')
        .on('r.is_latest', '=', true)
        .on('r.revoked', '=', false)
        .on('r.relationship_type', '=', 'indicates'),
    )
    .select(['a.stix_id', 'a.type', 'a.name'])
    .select((eb) => eb.fn.count<number>('r.seq').as('indicators'))
    .select(sql<string | null>`max((a.object->'aliases')::text)`.as('aliases'))
    .where('a.is_latest', '=', true)
    .where('a.revoked', '=', false)
    .where('a.type', 'in', ACTOR_TYPES)
    .groupBy(['a.stix_id', 'a.type', 'a.name'])
    .orderBy('a.name')
    .execute();
  return rows.map((r) => ({
    id: r.stix_id,
    type: r.type,
    name: r.name,
    aliases: parseAliases(r.aliases),
    indicators: Number(r.indicators),
  }));
}

function parseAliases(text: string | null): string[] {
  if (!text) return [];
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.filter((a): a is string => typeof a === 'string') : [];
}
