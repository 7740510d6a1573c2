import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit/index.ts';
import { importObjects } from '../../src/intel/service.ts';
import { createTestApp, signedInAs, tokenFor, type Browser, type TestApp } from '../support/app.ts';
import { indicator, TLP_RED } from '../intel/fixtures.ts';
import { collectionWith, ROOT, taxiiUser } from './setup.ts';
import { listAuditEntries } from '../../src/core/audit/index.ts';

let t: TestApp;
let admin: Browser;
let analyst: { authorization: string };
let peer: Awaited<ReturnType<typeof taxiiUser>>;
const shared = indicator('managed.example');
const red = indicator('managed-red.example', { object_marking_refs: [TLP_RED] });

beforeAll(async () => {
  t = await createTestApp();
  admin = (await signedInAs(t, 'admin')).browser;
  analyst = await tokenFor(t, 'analyst');
  peer = await taxiiUser(t);
  await importObjects(t.runtime.ctx, systemActor('test'), [shared, red], 'test');
});
afterAll(() => t?.close());

describe('/api/share/collections', () => {
  let id: string;

  it('an admin creates and lists collections', async () => {
    const res = await admin.post('/api/share/collections', {
      title: 'Peers',
      alias: 'peers',
      read_groups: [`user:${peer.username}`, 'role:analyst'],
      amber_groups: ['role:analyst'],
    });
    expect(res.statusCode).toBe(201);
    id = res.json().id;
    expect(res.json()).toMatchObject({ title: 'Peers', write_groups: [], amber_groups: ['role:analyst'] });
    const list = await admin.get('/api/share/collections');
    expect(list.json().collections.map((c: { id: string }) => c.id)).toContain(id);
    const dup = await admin.post('/api/share/collections', { title: 'Again', alias: 'peers', read_groups: [] });
    expect(dup.statusCode).toBe(409);
  });

  it('bad groups and unknown fields are 400 problems; analysts may not create', async () => {
    const bad = await admin.post('/api/share/collections', { title: 'x', read_groups: ['everyone'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    const extra = await admin.post('/api/share/collections', { title: 'x', read_groups: [], public: true });
    expect(extra.statusCode).toBe(400);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/share/collections',
      headers: analyst,
      payload: { title: 'x', read_groups: [] },
    });
    expect(res.statusCode).toBe(403);
  });

  it('an analyst publishes intel objects; a peer may not; red is stored but never served', async () => {
    const publish = (headers: { authorization: string }, ids: string[]) =>
      t.app.inject({ method: 'POST', url: `/api/share/collections/${id}/objects`, headers, payload: { ids } });
    const missing = 'indicator--00000000-0000-4000-8000-000000000000';
    const res = await publish(analyst, [shared.id, red.id, missing]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ published: 2, already_published: 0, withheld: 1, missing: [missing] });
    expect((await publish(analyst, [shared.id])).json()).toMatchObject({ published: 0, already_published: 1 });
    expect((await publish(peer.bearer, [shared.id])).statusCode).toBe(403);
    const served = await t.app.inject({
      method: 'GET',
      url: `${ROOT}/collections/peers/objects/`,
      headers: peer.basic,
    });
    expect(served.json().objects.map((o: { id: string }) => o.id)).toEqual([shared.id]);
    const unknown = await publish(analyst, ['indicator--x']);
    expect(unknown.statusCode).toBe(400);
    const noCollection = await t.app.inject({
      method: 'POST',
      url: '/api/share/collections/nope/objects',
      headers: analyst,
      payload: { ids: [shared.id] },
    });
    expect(noCollection.statusCode).toBe(404);
  });

  it('a peer reading a collection of other groups is refused, and the refusal is audited', async () => {
    const restricted = await collectionWith(t, [indicator('restricted.example')], { read: ['user:someone-else'] });
    const outsider = await taxiiUser(t);
    const res = await t.app.inject({
      method: 'GET',
      url: `${ROOT}/collections/${restricted.id}/objects/`,
      headers: outsider.basic,
    });
    expect(res.statusCode).toBe(404);
    const [entry] = await listAuditEntries(t.runtime.ctx.db, { limit: 1, action: 'share.objects.read_refused' });
    expect(entry).toMatchObject({ object_id: restricted.id, actor_label: expect.stringContaining(outsider.username) });
  });

  it('roles without share:read are refused at the TAXII door with 403', async () => {
    const legal = await tokenFor(t, 'legal_reviewer');
    const res = await t.app.inject({
      method: 'GET',
      url: '/taxii2/',
      headers: { ...legal, accept: 'application/taxii+json' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().http_status).toBe('403');
  });
});
