import { isDeepStrictEqual } from 'node:util';
import { recordAudit, type Actor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import { AppError, badRequest } from '../core/errors.ts';
import { sightingGroups } from '../cases/service.ts';
import { actors, deterministicId, getObject, importObjects, TLP } from '../intel/service.ts';
import { publishObjects } from './publish.ts';
import { stixRegionOf } from '../core/geo/countries.ts';

/** Fewer cases than this in a group could point at a person: such groups are generalised or not shared. */
export const MIN_CASES_PER_SIGHTING = 3;

export interface SightingsResult {
  sightings: number;
  published: number;
  /** Actors with confirmed cases that intel does not know as an object: no sighting can refer to them. */
  unknownActors: string[];
}

/**
 * Publishes what confirmed targeting cases show, anonymised, as STIX sightings of the actor: counts, first and last
 * seen, and where groups are large enough a region (a `location`) and a coarse sector (`x_accord_sector`). Never an
 * account, address or anything that identifies a person. Marked TLP:GREEN; ids are stable, so publishing again
 * gives a new version of each sighting with the current counts. Audited.
 */
export async function publishSightings(ctx: CoreContext, actor: Actor, collection: string): Promise<SightingsResult> {
  // Regions, not countries: a country can be small enough for a count to point at its few journalists.
  const groups = await sightingGroups(ctx, MIN_CASES_PER_SIGHTING, stixRegionOf);
  const known = new Map((await actors(ctx)).map((a) => [(a.name ?? '').toLowerCase(), a.id]));
  const now = new Date();
  const provider = {
    type: 'identity',
    spec_version: '2.1',
    id: deterministicId('identity', `provider|${ctx.config.providerName}`),
    created: '2000-01-01T00:00:00.000Z',
    modified: '2000-01-01T00:00:00.000Z',
    name: ctx.config.providerName,
    identity_class: 'organization',
    object_marking_refs: [TLP.V2_GREEN.id],
  };
  const objects: Record<string, unknown>[] = [provider];
  const unknownActors = new Set<string>();
  for (const g of groups) {
    const target = known.get(g.actor.toLowerCase());
    if (!target) {
      unknownActors.add(g.actor);
      continue;
    }
    const where: string[] = [];
    if (g.area) {
      const location = {
        type: 'location',
        spec_version: '2.1',
        id: deterministicId('location', `region|${g.area}`),
        created: '2000-01-01T00:00:00.000Z',
        modified: '2000-01-01T00:00:00.000Z',
        name: g.area.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => (dash ? ' ' : '') + c.toUpperCase()),
        region: g.area,
        object_marking_refs: [TLP.V2_GREEN.id],
      };
      objects.push(location);
      where.push(location.id);
    }
    const content = {
      type: 'sighting',
      spec_version: '2.1',
      id: deterministicId('sighting', `${target}|${g.area ?? '*'}|${g.sector ?? '*'}`),
      sighting_of_ref: target,
      count: g.cases,
      first_seen: g.firstSeen.toISOString(),
      last_seen: g.lastSeen.toISOString(),
      created_by_ref: provider.id,
      ...(where.length ? { where_sighted_refs: where } : {}),
      ...(g.sector ? { x_accord_sector: g.sector } : {}),
      description: 'Accounts targeted, confirmed by analysts (counts only).',
      object_marking_refs: [TLP.V2_GREEN.id],
    };
    objects.push(await nextVersion(ctx, content, now));
  }
  const report = await importObjects(ctx, actor, objects, 'sightings');
  if (report.rejectedCount > 0) throw badRequest(`sightings were refused by the store: ${report.rejected[0]?.reason}`);
  const sightings = objects.filter((o) => o.type === 'sighting').length;
  const result = await publishObjects(
    ctx,
    actor,
    collection,
    objects.map((o) => String(o.id)),
  );
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, actor, {
      action: 'share.sightings_published',
      objectType: 'collection',
      objectId: collection,
      details: { sightings },
    }),
  );
  return {
    sightings,
    published: result.published,
    unknownActors: [...unknownActors],
  };
}

/**
 * The sighting as a STIX version of what was published before under its id: unchanged content keeps the latest
 * version (nothing new to share); changed content keeps `created` and gets a later `modified` (STIX 2.1 section
 * 3.6: a new version never changes `created`). A first publication starts at `now`.
 */
async function nextVersion(ctx: CoreContext, content: Record<string, unknown> & { id: string }, now: Date) {
  let latest: Record<string, unknown> | undefined;
  try {
    latest = (await getObject(ctx, content.id))[0]?.object as unknown as Record<string, unknown> | undefined;
  } catch (error) {
    if (!(error instanceof AppError && error.status === 404)) throw error;
  }
  if (!latest) return { ...content, created: now.toISOString(), modified: now.toISOString() };
  const { created, modified, ...previous } = latest;
  if (isDeepStrictEqual(previous, content)) return latest;
  // Two publications within one millisecond still make two distinct, ordered versions.
  const after = Math.max(now.getTime(), Date.parse(String(modified)) + 1);
  return { ...content, created, modified: new Date(after).toISOString() };
}
