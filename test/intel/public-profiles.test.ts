import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit/index.ts';
import { importObjects } from '../../src/intel/service.ts';
import { TLP } from '../../src/intel/stix/index.ts';
import { createTestApp, tokenFor, type TestApp } from '../support/app.ts';
import { indicator, later, relationship, sdo, TLP_AMBER } from './fixtures.ts';

const CLEAR = TLP.V2_CLEAR.id;
const nso = sdo('intrusion-set', 'NSO Group', {
  aliases: ['Q Cyber Technologies'],
  description: 'Vendor of the Pegasus spyware.',
  external_references: [{ source_name: 'Amnesty Tech', url: 'https://www.amnesty.org/en/latest/research/2021/07/' }],
  object_marking_refs: [CLEAR],
});
const pegasus = sdo('malware', 'Pegasus', {
  kill_chain_phases: [{ kill_chain_name: 'x', phase_name: 'exploitation' }],
});
const zeroClick = sdo('attack-pattern', 'Zero-click exploit');
const open = indicator('c2.pegasus.example', { object_marking_refs: [CLEAR] });
const amber = indicator('amber.pegasus.example', { object_marking_refs: [TLP_AMBER] });
const secret = sdo('intrusion-set', 'Unnamed cluster', { object_marking_refs: [TLP_AMBER] });

let t: TestApp;
let analyst: { authorization: string };
beforeAll(async () => {
  t = await createTestApp();
  await importObjects(
    t.runtime.ctx,
    systemActor('test'),
    [
      nso,
      pegasus,
      zeroClick,
      open,
      amber,
      secret,
      relationship('uses', nso.id, pegasus.id),
      relationship('uses', nso.id, zeroClick.id),
      relationship('indicates', open.id, pegasus.id),
      relationship('indicates', amber.id, pegasus.id),
    ],
    'test',
  );
  analyst = await tokenFor(t, 'analyst');
}, 60_000);
afterAll(() => t?.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });
const publish = (id: string, headers = analyst) =>
  t.app.inject({ method: 'POST', url: `/api/intel/objects/${id}/public-profile`, headers });

it('an analyst publishes an actor; anyone reads its profile, without anything TLP-restricted', async () => {
  expect((await get(`/api/public/profiles/${nso.id}`)).statusCode).toBe(404);
  expect((await publish(nso.id)).statusCode).toBe(200);
  const list = (await get('/api/public/profiles')).json() as { profiles: { id: string; name: string }[] };
  expect(list.profiles).toMatchObject([{ id: nso.id, name: 'NSO Group' }]);
  const res = await get(`/api/public/profiles/${nso.id}`);
  expect(res.statusCode).toBe(200);
  expect(res.json()).toMatchObject({
    name: 'NSO Group',
    aliases: ['Q Cyber Technologies'],
    description: 'Vendor of the Pegasus spyware.',
    techniques: ['Zero-click exploit'],
    references: [{ source: 'Amnesty Tech', url: expect.stringContaining('amnesty.org') }],
    related: [{ name: 'Pegasus', type: 'malware', relationship: 'uses', outward: true }],
    indicators: [{ id: open.id, pattern: "[domain-name:value = 'c2.pegasus.example']" }],
    indicator_count: 1,
  });
  expect(res.body).not.toContain('amber.pegasus.example');
});

it('refuses to publish restricted objects or indicators, and stops serving a profile marked restricted later', async () => {
  expect((await publish(secret.id)).statusCode).toBe(409);
  expect((await publish(open.id)).statusCode).toBe(400);
  const peer = await tokenFor(t, 'peer');
  expect((await publish(pegasus.id, peer)).statusCode).toBe(403);
  expect((await publish(pegasus.id)).statusCode).toBe(200);
  expect((await get(`/api/public/profiles/${pegasus.id}`)).statusCode).toBe(200);
  // A new version of Pegasus marked TLP:AMBER: the public profile disappears with it.
  await importObjects(
    t.runtime.ctx,
    systemActor('test'),
    [{ ...pegasus, modified: later(5), object_marking_refs: [TLP_AMBER] }],
    'test',
  );
  expect((await get(`/api/public/profiles/${pegasus.id}`)).statusCode).toBe(404);
  const list = (await get('/api/public/profiles')).json() as { profiles: { id: string }[] };
  expect(list.profiles.map((p) => p.id)).toEqual([nso.id]);
  // ...and from the actor's profile, where it was a related object.
  expect((await get(`/api/public/profiles/${nso.id}`)).body).not.toContain('Pegasus"');
  const withdrawn = await t.app.inject({
    method: 'DELETE',
    url: `/api/intel/objects/${nso.id}/public-profile`,
    headers: analyst,
  });
  expect(withdrawn.statusCode).toBe(204);
  expect((await get(`/api/public/profiles/${nso.id}`)).statusCode).toBe(404);
});
