import { latestByIds, relationshipsTouching } from '../store/read-store.ts';
import type { IntelDb } from '../store/tables.ts';

export interface LinkedObject {
  id: string;
  type: string;
  name: string | null;
  /** How it was reached: `indicates`, `uses` (reversed), `attributed-to`, ... */
  via: string;
  /** The object it was reached from. */
  from: string;
  depth: number;
}

/**
 * Who is behind an object, following the relationships STIX uses for attribution: an indicator `indicates`
 * malware (or an intrusion set, campaign or threat actor); an intrusion set or threat actor `uses` the malware;
 * malware is `authored-by` someone; campaigns and intrusion sets are `attributed-to` intrusion sets and threat
 * actors. So a Pegasus domain leads to Pegasus, then to NSO Group once a relationship says so.
 */
export async function attributionOf(db: IntelDb, id: string, maxDepth = 4): Promise<LinkedObject[]> {
  const seen = new Set([id]);
  const found: LinkedObject[] = [];
  let frontier = [id];
  for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth++) {
    const rels = await relationshipsTouching(db, frontier);
    const next: { id: string; via: string; from: string }[] = [];
    for (const r of rels) {
      const { source_ref: s, target_ref: t, relationship_type: type } = r;
      if (!s || !t || !type) continue;
      if (frontier.includes(s) && ['indicates', 'attributed-to', 'authored-by', 'variant-of'].includes(type)) {
        next.push({ id: t, via: type, from: s });
      } else if (frontier.includes(t) && type === 'uses') {
        next.push({ id: s, via: 'used-by', from: t });
      }
    }
    const fresh = next.filter((n) => !seen.has(n.id) && seen.add(n.id));
    const objects = new Map(
      (
        await latestByIds(
          db,
          fresh.map((n) => n.id),
        )
      ).map((o) => [o.stix_id, o]),
    );
    for (const n of fresh) {
      const o = objects.get(n.id);
      if (!o || o.revoked) continue;
      found.push({ id: n.id, type: o.type, name: o.name, via: n.via, from: n.from, depth });
    }
    frontier = fresh.map((n) => n.id).filter((x) => objects.has(x));
  }
  return found;
}

// Who answers for what: a threat actor for its intrusion sets, those for their campaigns and tools.
const RANK: Record<string, number> = { 'threat-actor': 4, 'intrusion-set': 3, campaign: 2, malware: 1, tool: 1 };
export const ACTOR_TYPES = Object.keys(RANK);

/**
 * Everything an actor answers for: the object itself and, going down the ranks (threat actor → intrusion set →
 * campaign → malware/tool), what is attributed to it or what it uses. Never climbs back up, so asking for one
 * intrusion set does not pull in another that shares its malware.
 */
export async function actorScope(db: IntelDb, rootIds: readonly string[], maxDepth = 3): Promise<Set<string>> {
  const scope = new Set(rootIds);
  const rank = new Map<string, number>();
  for (const o of await latestByIds(db, rootIds)) rank.set(o.stix_id, RANK[o.type] ?? 0);
  let frontier = [...rootIds];
  for (let depth = 0; depth < maxDepth && frontier.length > 0; depth++) {
    const rels = await relationshipsTouching(db, frontier);
    const candidates = new Map<string, number>();
    for (const r of rels) {
      const { source_ref: s, target_ref: t } = r;
      if (!s || !t || r.relationship_type === 'indicates') continue;
      const [from, other] = frontier.includes(s) ? [s, t] : [t, s];
      candidates.set(other, rank.get(from) ?? 0);
    }
    const objects = await latestByIds(
      db,
      [...candidates.keys()].filter((c) => !scope.has(c)),
    );
    frontier = [];
    for (const o of objects) {
      const r = RANK[o.type];
      if (r === undefined || o.revoked || r >= (candidates.get(o.stix_id) ?? 0)) continue;
      scope.add(o.stix_id);
      rank.set(o.stix_id, r);
      frontier.push(o.stix_id);
    }
  }
  return scope;
}
