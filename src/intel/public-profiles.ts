import { recordAudit, type Actor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import { webLink } from '../core/http/web-link.ts';
import { badRequest, conflict, notFound } from '../core/errors.ts';
import type { StixObject } from './stix/index.ts';
import { tlpLevelOf } from './stix/tlp.ts';
import { addProfile, profileObjects, removeProfile } from './store/profiles-store.ts';
import { latestByIds, relationshipsTouching } from './store/read-store.ts';
import { intelDb, type IntelDb } from './store/tables.ts';

/** What can be described publicly: who is behind attacks and what they use, and advisories about them. */
export const PROFILE_TYPES = ['threat-actor', 'intrusion-set', 'campaign', 'malware', 'tool', 'report'] as const;

/**
 * Whether an object may be shown to anyone: no granular markings, and every marking TLP:CLEAR (or TLP 1.0 WHITE).
 * Anything else, an unknown marking included, stays in (fail closed). An unmarked object is public once an analyst
 * chose to publish it, or when it is reached from a published one.
 */
export function publiclyShareable(object: Readonly<Record<string, unknown>>): boolean {
  if (object.granular_markings !== undefined) return false;
  const refs = object.object_marking_refs ?? [];
  return Array.isArray(refs) && refs.every((ref) => typeof ref === 'string' && tlpLevelOf(ref) === 'clear');
}

async function audited(
  ctx: CoreContext,
  actor: Actor,
  action: string,
  id: string,
  change: (db: IntelDb) => Promise<unknown>,
) {
  await ctx.db.transaction().execute(async (trx) => {
    await change(intelDb(trx));
    await recordAudit(trx, actor, { action, objectType: 'stix_object', objectId: id });
  });
}

/** An analyst publishes an actor, malware, campaign or report as a public profile or advisory. Audited. */
export async function publishProfile(ctx: CoreContext, actor: Actor, id: string) {
  const db = intelDb(ctx.db);
  const [latest] = await latestByIds(db, [id]);
  if (!latest) throw notFound(`no object ${id}`);
  if (!(PROFILE_TYPES as readonly string[]).includes(latest.type))
    throw badRequest(`a ${latest.type} cannot be a public profile; profiles are ${PROFILE_TYPES.join(', ')}`);
  if (latest.revoked) throw conflict(`${id} is revoked`);
  if (!publiclyShareable(latest.object))
    throw conflict(`${id} carries a marking that restricts sharing (only TLP:CLEAR or unmarked objects are public)`);
  await audited(ctx, actor, 'intel.profile_published', id, (trx) => addProfile(trx, id, actor.id ?? actor.label));
  return { id, published: true };
}

export async function unpublishProfile(ctx: CoreContext, actor: Actor, id: string) {
  await audited(ctx, actor, 'intel.profile_unpublished', id, async (trx) => {
    const removed = await removeProfile(trx, id);
    if (!removed.numDeletedRows) throw notFound(`${id} is not a public profile`);
  });
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);
const list = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

function references(object: StixObject) {
  return (object.external_references ?? []).map((r) => ({
    source: r.source_name,
    url: webLink(r.url),
    description: r.description ?? null,
    external_id: r.external_id ?? null,
  }));
}

/** Published profiles that are still shareable, newest first. */
export async function publicProfiles(ctx: CoreContext) {
  const rows = await profileObjects(intelDb(ctx.db));
  return rows
    .filter((r) => !r.revoked && publiclyShareable(r.object))
    .map((r) => ({
      id: r.stix_id,
      type: r.type,
      name: r.name ?? r.stix_id,
      aliases: list(r.object.aliases),
      summary: (text(r.object.description) ?? '').slice(0, 300),
      published_at: new Date(r.published_at).toISOString(),
    }));
}

/**
 * One public profile: its description, aliases, techniques and references, the shareable objects related to it,
 * and the shareable indicators of what it uses. A profile whose object has since been marked restricted or revoked
 * is not found.
 */
export async function publicProfile(ctx: CoreContext, id: string) {
  const db = intelDb(ctx.db);
  const [row] = await profileObjects(db, id);
  if (!row || row.revoked || !publiclyShareable(row.object)) throw notFound(`no public profile ${id}`);
  const o = row.object;

  const rels = await relationshipsTouching(db, [id]);
  const otherIds = rels.map((r) => (r.source_ref === id ? r.target_ref : r.source_ref)).filter((x): x is string => !!x);
  const others = new Map(
    (await latestByIds(db, otherIds))
      .filter((x) => !x.revoked && publiclyShareable(x.object))
      .map((x) => [x.stix_id, x]),
  );
  const related = rels
    .map((r) => {
      const outward = r.source_ref === id;
      const other = others.get((outward ? r.target_ref : r.source_ref) ?? '');
      return other
        ? {
            id: other.stix_id,
            type: other.type,
            name: other.name ?? other.stix_id,
            relationship: r.relationship_type ?? '',
            outward,
          }
        : null;
    })
    .filter((r) => r !== null);

  const techniques = [
    ...related.filter((r) => r.type === 'attack-pattern').map((r) => r.name),
    ...(Array.isArray(o.kill_chain_phases) ? (o.kill_chain_phases as { phase_name?: string }[]) : [])
      .map((k) => k.phase_name)
      .filter((k): k is string => typeof k === 'string'),
  ];

  // Indicators of this object and of the malware and tools it uses.
  const subjects = [id, ...related.filter((r) => r.outward && ['malware', 'tool'].includes(r.type)).map((r) => r.id)];
  const indicates = (await relationshipsTouching(db, subjects)).filter(
    (r) => r.relationship_type === 'indicates' && r.target_ref && subjects.includes(r.target_ref) && r.source_ref,
  );
  const indicators = (await latestByIds(db, [...new Set(indicates.map((r) => r.source_ref!))]))
    .filter((x) => x.type === 'indicator' && !x.revoked && publiclyShareable(x.object))
    .map((x) => ({ id: x.stix_id, pattern: text(x.object.pattern) ?? '', valid_from: text(x.object.valid_from) }));

  return {
    id,
    type: row.type,
    name: row.name ?? id,
    description: text(o.description),
    aliases: list(o.aliases),
    first_seen: text(o.first_seen),
    last_seen: text(o.last_seen),
    goals: list(o.goals),
    malware_types: list(o.malware_types),
    techniques: [...new Set(techniques)],
    references: references(o),
    related: related.filter((r) => r.type !== 'attack-pattern'),
    indicators: indicators.slice(0, 500),
    indicator_count: indicators.length,
    published_at: new Date(row.published_at).toISOString(),
  };
}
