import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit/index.ts';
import { setCaseContext, transitionCase, listCases } from '../../src/cases/service.ts';
import { createTestApp, tokenFor, type TestApp } from '../support/app.ts';
import { collectionWith, ROOT, taxiiUser } from './setup.ts';
import { targetedPeople } from '../support/targeting.ts';

let t: TestApp;
const actor = systemActor('test');
beforeAll(async () => {
  t = await createTestApp();
  const ctx = t.runtime.ctx;
  const people = ['a@example.org', 'b@example.org', 'c@example.org', 'd@example.org', 'e@example.org'];
  await targetedPeople(ctx, 'Predator (test)', 'c2.predator.example', people);
  const cases = await listCases(ctx, { limit: 10 });
  for (const [i, c] of cases.entries()) {
    // Three journalists in Mexico; one person in France; one case never confirmed.
    if (i === 4) continue;
    await setCaseContext(
      ctx,
      actor,
      c.id,
      i < 3 ? { country: 'MX', sector: 'journalism' } : { country: 'FR', sector: 'politics' },
    );
    for (const state of ['triage', 'confirmed'] as const) await transitionCase(ctx, actor, c.id, state);
  }
}, 60_000);
afterAll(() => t?.close());

it('sightings carry counts, dates, a country and a sector for large enough groups, and nothing about a person', async () => {
  const collection = await collectionWith(t, [], { read: ['role:peer'] });
  const manager = await tokenFor(t, 'admin');
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/share/collections/${collection.id}/sightings`,
    headers: manager,
  });
  expect(res.statusCode).toBe(200);
  expect(res.json()).toMatchObject({ sightings: 1, unknownActors: [] });
  const peer = await taxiiUser(t);
  const objects = await t.app.inject({
    method: 'GET',
    url: `${ROOT}/collections/${collection.id}/objects/`,
    headers: peer.basic,
  });
  const body = objects.json<{ objects: Record<string, unknown>[] }>();
  const sighting = body.objects.find((o) => o.type === 'sighting')!;
  expect(sighting).toMatchObject({ count: 3, x_accord_sector: 'journalism' });
  const location = body.objects.find((o) => o.id === (sighting.where_sighted_refs as string[])[0]);
  expect(location).toMatchObject({ type: 'location', country: 'MX' });
  // France had one case: below the threshold, so neither its country nor its count leaves.
  expect(body.objects.filter((o) => o.type === 'sighting')).toHaveLength(1);
  expect(objects.body).not.toMatch(/example\.org|FR|politics/);

  const analyst = await tokenFor(t, 'peer');
  const refused = await t.app.inject({
    method: 'POST',
    url: `/api/share/collections/${collection.id}/sightings`,
    headers: analyst,
  });
  expect(refused.statusCode).toBe(403);
});
