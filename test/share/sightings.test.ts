import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit/index.ts';
import { setCaseContext, transitionCase, listCases } from '../../src/cases/service.ts';
import { createTestApp, tokenFor, type TestApp } from '../support/app.ts';
import { collectionWith, ROOT, taxiiUser } from './setup.ts';
import { targetedPeople } from '../support/targeting.ts';
import { stixRegionOf } from '../../src/core/geo/countries.ts';

let t: TestApp;
let unconfirmed: string;
const actor = systemActor('test');
beforeAll(async () => {
  t = await createTestApp();
  const ctx = t.runtime.ctx;
  const people = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((p) => `${p}@example.org`);
  await targetedPeople(ctx, 'Predator (test)', 'c2.predator.example', people);
  const cases = await listCases(ctx, { limit: 10 });
  // Three journalists in Mexico; three politicians in three European countries; one in Brazil; one case never
  // confirmed.
  const places = ['MX', 'MX', 'MX', 'FR', null, 'DE', 'IT', 'BR'];
  for (const [i, c] of cases.entries()) {
    const country = places[i];
    if (!country) {
      unconfirmed = c.id;
      continue;
    }
    await setCaseContext(ctx, actor, c.id, { country, sector: i < 3 ? 'journalism' : 'politics' });
    for (const state of ['triage', 'confirmed'] as const) await transitionCase(ctx, actor, c.id, state);
  }
}, 60_000);
afterAll(() => t?.close());

it('sightings carry counts, dates, a region and a sector for large enough groups, and nothing about a person', async () => {
  const collection = await collectionWith(t, [], { read: ['role:peer'] });
  const manager = await tokenFor(t, 'admin');
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/share/collections/${collection.id}/sightings`,
    headers: manager,
  });
  expect(res.statusCode).toBe(200);
  expect(res.json()).toMatchObject({ sightings: 2, unknownActors: [] });
  const peer = await taxiiUser(t);
  const objects = await t.app.inject({
    method: 'GET',
    url: `${ROOT}/collections/${collection.id}/objects/`,
    headers: peer.basic,
  });
  const body = objects.json<{ objects: Record<string, unknown>[] }>();
  const where = (sector: string) => {
    const sighting = body.objects.find((o) => o.type === 'sighting' && o.x_accord_sector === sector)!;
    expect(sighting).toMatchObject({ count: 3 });
    return body.objects.find((o) => o.id === (sighting.where_sighted_refs as string[])[0]);
  };
  expect(where('journalism')).toMatchObject({ type: 'location', region: 'americas', name: 'Americas' });
  // No European country had three cases; Europe did.
  expect(where('politics')).toMatchObject({ type: 'location', region: 'europe', name: 'Europe' });
  // Brazil's single case is below the threshold even in its region: neither its place nor its count leaves.
  expect(body.objects.filter((o) => o.type === 'sighting')).toHaveLength(2);
  expect(objects.body).not.toMatch(/example\.org|"(MX|FR|DE|IT|BR)"|"country"/);

  const analyst = await tokenFor(t, 'peer');
  const refused = await t.app.inject({
    method: 'POST',
    url: `/api/share/collections/${collection.id}/sightings`,
    headers: analyst,
  });
  expect(refused.statusCode).toBe(403);
});

it("publishing again keeps a sighting's created and bumps modified when counts change, and adds nothing otherwise", async () => {
  const collection = await collectionWith(t, [], { read: ['role:peer'] });
  const manager = await tokenFor(t, 'admin');
  const peer = await taxiiUser(t);
  const publish = () =>
    t.app.inject({ method: 'POST', url: `/api/share/collections/${collection.id}/sightings`, headers: manager });
  const journalism = async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `${ROOT}/collections/${collection.id}/objects/?match[type]=sighting&match[version]=all`,
      headers: peer.basic,
    });
    return res.json<{ objects: Record<string, unknown>[] }>().objects.filter((o) => o.x_accord_sector === 'journalism');
  };
  await publish();
  const [first] = await journalism();
  expect((await publish()).json()).toMatchObject({ published: 0 });
  expect(await journalism()).toHaveLength(1);

  await setCaseContext(t.runtime.ctx, actor, unconfirmed, { country: 'MX', sector: 'journalism' });
  for (const state of ['triage', 'confirmed'] as const) await transitionCase(t.runtime.ctx, actor, unconfirmed, state);
  await publish();
  const versions = await journalism();
  expect(versions).toHaveLength(2);
  const second = versions.find((v) => v.count === 4)!;
  expect(second.id).toBe(first!.id);
  expect(second.created).toBe(first!.created);
  expect(Date.parse(String(second.modified))).toBeGreaterThan(Date.parse(String(first!.modified)));
});

it('regions are region-ov terms of one level: both American continents are "americas"', () => {
  expect(['US', 'MX', 'CU', 'BR', 'AR'].map(stixRegionOf)).toEqual(Array(5).fill('americas'));
  expect(['FR', 'JP', 'NG', 'AU', 'AQ', 'XX'].map(stixRegionOf)).toEqual([
    'europe',
    'asia',
    'africa',
    'oceania',
    'antarctica',
    null,
  ]);
});
