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

describe('changing and deleting collections and subscriptions', () => {
  const call = (method: 'PATCH' | 'DELETE', url: string, headers: { authorization: string }, payload?: object) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  let manager: { authorization: string };
  beforeAll(async () => {
    manager = await tokenFor(t, 'admin');
  });
  const lastAudit = async (action: string) => (await listAuditEntries(t.runtime.ctx.db, { limit: 1, action }))[0];

  it('a manager changes groups and title: the peer loses access at once; audited; others may not', async () => {
    const c = await collectionWith(t, [indicator('changed.example')], { read: [`user:${peer.username}`] });
    const url = `/api/share/collections/${c.id}`;
    const taxii = () => t.app.inject({ method: 'GET', url: `${ROOT}/collections/${c.id}/`, headers: peer.basic });
    expect((await taxii()).statusCode).toBe(200);
    expect((await call('PATCH', url, analyst, { title: 'x' })).statusCode).toBe(403);
    const res = await call('PATCH', url, manager, { title: 'Renamed', read_groups: ['role:analyst'] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: c.id, title: 'Renamed', read_groups: ['role:analyst'], write_groups: [] });
    expect((await taxii()).statusCode).toBe(404);
    expect(await lastAudit('share.collection.updated')).toMatchObject({
      object_id: c.id,
      details: { before: { read: [`user:${peer.username}`] }, after: { read: ['role:analyst'] } },
    });
    expect((await call('PATCH', url, manager, { read_groups: ['everyone'] })).statusCode).toBe(400);
    expect((await call('PATCH', url, manager, { alias: 'x' })).statusCode).toBe(400);
    expect((await call('PATCH', '/api/share/collections/nope', manager, { title: 'x' })).statusCode).toBe(404);
  });

  it('a manager deletes a collection with its objects; audited; 404 after', async () => {
    const c = await collectionWith(t, [indicator('deleted.example')], { read: [`user:${peer.username}`] });
    const url = `/api/share/collections/${c.id}`;
    expect((await call('DELETE', url, analyst)).statusCode).toBe(403);
    expect((await call('DELETE', url, manager)).statusCode).toBe(204);
    expect(await lastAudit('share.collection.deleted')).toMatchObject({ object_id: c.id, details: { versions: 1 } });
    const gone = await t.app.inject({
      method: 'GET',
      url: `${ROOT}/collections/${c.id}/objects/`,
      headers: peer.basic,
    });
    expect(gone.statusCode).toBe(404);
    expect((await call('DELETE', url, manager)).statusCode).toBe(404);
  });

  it('a manager changes a subscription (interval, credentials, URL) and ends it; audited without the secret', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/share/subscriptions',
      headers: manager,
      payload: { name: 'managed-feed', url: 'https://peer.example/taxii2/api1/collections/a/', secret: 'first-secret' },
    });
    expect(created.statusCode).toBe(201);
    const url = `/api/share/subscriptions/${created.json().id}`;
    expect((await call('PATCH', url, analyst, { interval_seconds: 600 })).statusCode).toBe(403);
    const res = await call('PATCH', url, manager, {
      interval_seconds: 600,
      username: 'accord',
      secret: 'second-secret',
      url: 'https://peer.example/taxii2/api1/collections/b/',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ interval_seconds: 600, url: 'https://peer.example/taxii2/api1/collections/b/' });
    const { findSubscription } = await import('../../src/share/service.ts');
    const row = await findSubscription(t.runtime.ctx, 'managed-feed');
    expect(await t.runtime.ctx.keyring.decrypt(row.secret_enc!, 'share_subscriptions.secret_enc')).toBe(
      'second-secret',
    );
    const entry = await lastAudit('share.subscription.updated');
    expect(entry).toMatchObject({ details: { position_reset: true, interval_seconds: 600 } });
    expect(JSON.stringify(entry)).not.toContain('second-secret');
    expect((await call('PATCH', url, manager, { secret: null })).statusCode).toBe(200);
    expect((await findSubscription(t.runtime.ctx, 'managed-feed')).secret_enc).toBeNull();
    for (const bad of [{}, { interval_seconds: 5 }, { url: 'ftp://x.example/a' }, { name: 'renamed' }]) {
      const r = await call('PATCH', url, manager, bad);
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
      expect(r.headers['content-type']).toMatch(/problem\+json/);
    }
    expect((await call('DELETE', url, analyst)).statusCode).toBe(403);
    expect((await call('DELETE', url, manager)).statusCode).toBe(204);
    expect(await lastAudit('share.subscription.deleted')).toMatchObject({ details: { name: 'managed-feed' } });
    expect((await call('DELETE', url, manager)).statusCode).toBe(404);
  });
});
