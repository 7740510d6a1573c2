import { findByValues, rangeValues } from '../store/values-store.ts';
import { latestBySeqs } from '../store/read-store.ts';
import type { IntelDb } from '../store/tables.ts';
import { attributionOf, type LinkedObject } from './graph.ts';
import { probesFor, rangesContaining, type Probe } from './candidates.ts';
import { presentSummary, type ObjectSummary } from './present.ts';

export interface ValueMatch {
  indicator: ObjectSummary & { pattern: string | null };
  matched: { key: string; value: string; how: Probe['how'] | 'cidr' | 'any-key' };
  /** What the indicator points to, and who is behind that (see attributionOf). */
  attribution: LinkedObject[];
}

/**
 * Which current indicators would match an observed value: a domain also matches indicators for its parent
 * domains, a URL its exact indicator and its host's, an IP address the ranges containing it, a hash the
 * algorithm its length implies, an e-mail address the address and its domain.
 */
export async function searchValue(db: IntelDb, raw: string, { limit = 100 } = {}): Promise<ValueMatch[]> {
  const { probes, ip, anyKey } = probesFor(raw);
  const hits: { object_seq: number; key: string; value: string; how: ValueMatch['matched']['how'] }[] = [];
  const byKey = new Map<string, Probe[]>();
  for (const p of probes) byKey.set(p.key, [...(byKey.get(p.key) ?? []), p]);
  for (const [key, list] of byKey) {
    const rows = await findByValues(
      db,
      key,
      list.map((p) => p.value),
    );
    for (const row of rows) hits.push({ ...row, how: list.find((p) => p.value === row.value)!.how });
  }
  if (ip) {
    const key = ip.includes(':') ? 'ipv6-addr:value' : 'ipv4-addr:value';
    for (const row of rangesContaining(ip, await rangeValues(db, [key]))) hits.push({ ...row, how: 'cidr' });
  }
  if (hits.length === 0 && anyKey) {
    const rows = await db
      .selectFrom('intel_values')
      .select(['object_seq', 'key', 'value'])
      .where('value', '=', anyKey)
      .limit(limit)
      .execute();
    for (const row of rows) hits.push({ ...row, how: 'any-key' });
  }
  const objects = new Map(
    (await latestBySeqs(db, [...new Set(hits.map((h) => h.object_seq))])).map((o) => [Number(o.seq), o]),
  );
  const out: ValueMatch[] = [];
  for (const hit of hits.slice(0, limit)) {
    const o = objects.get(Number(hit.object_seq));
    if (!o || o.revoked) continue;
    out.push({
      indicator: { ...presentSummary(o), pattern: typeof o.object.pattern === 'string' ? o.object.pattern : null },
      matched: { key: hit.key, value: hit.value, how: hit.how },
      attribution: await attributionOf(db, o.stix_id),
    });
  }
  return out;
}
