import { randomUUID } from 'node:crypto';
import { listObjects, type ObjectFilter } from '../query/list.ts';
import { latestByIds, relationshipsTouching } from '../store/read-store.ts';
import type { IntelDb } from '../store/tables.ts';
import { TLP_MARKING_IDS, tlpMarkingOf, type StixObject } from '../stix/index.ts';
import { tlpDefinitionById } from './tlp-definitions.ts';

export interface ExportedBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

/**
 * The latest versions matching a filter, with what they need to stand on their own: the relationships from the
 * chosen indicators (`indicates`) and the objects at their other end, and every marking definition referenced.
 */
export async function exportBundle(
  db: IntelDb,
  filter: Omit<ObjectFilter, 'after' | 'limit'>,
): Promise<ExportedBundle> {
  const chosen = new Map<string, StixObject>();
  let after: number | undefined;
  for (;;) {
    const page = await listObjects(db, { ...filter, limit: 10_000, ...(after !== undefined ? { after } : {}) });
    for (const row of page.objects) chosen.set(row.stix_id, row.object);
    if (page.next === null) break;
    after = page.next;
  }
  const indicatorIds = [...chosen.values()].filter((o) => o.type === 'indicator').map((o) => o.id);
  const related = new Set<string>();
  for (let i = 0; i < indicatorIds.length; i += 5_000) {
    const slice = indicatorIds.slice(i, i + 5_000);
    for (const rel of await relationshipsTouching(db, slice)) {
      if (rel.relationship_type !== 'indicates' || !rel.source_ref || !slice.includes(rel.source_ref)) continue;
      related.add(rel.stix_id);
      if (rel.target_ref) related.add(rel.target_ref);
    }
  }
  const extra = await fetchLatest(
    db,
    [...related].filter((id) => !chosen.has(id)),
  );
  for (const o of extra) if (!o.revoked || filter.includeRevoked) chosen.set(o.id, o);

  const markingIds = new Set<string>();
  for (const o of chosen.values()) {
    for (const ref of o.object_marking_refs ?? []) markingIds.add(ref);
    for (const g of o.granular_markings ?? []) if (g.marking_ref) markingIds.add(g.marking_ref);
  }
  const markings: StixObject[] = [];
  const stored = new Map((await fetchLatest(db, [...markingIds])).map((o) => [o.id, o]));
  for (const id of markingIds) {
    const definition =
      stored.get(id) ?? (TLP_MARKING_IDS.has(id) && tlpMarkingOf(id) ? tlpDefinitionById(id) : undefined);
    if (definition && !chosen.has(id)) markings.push(definition);
  }
  return { type: 'bundle', id: `bundle--${randomUUID()}`, objects: [...markings, ...chosen.values()] };
}

async function fetchLatest(db: IntelDb, ids: readonly string[]): Promise<StixObject[]> {
  const out: StixObject[] = [];
  for (let i = 0; i < ids.length; i += 5_000) {
    for (const row of await latestByIds(db, ids.slice(i, i + 5_000))) out.push(row.object);
  }
  return out;
}
