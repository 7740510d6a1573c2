import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../src/core/audit/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { indicator } from '../intel/fixtures.ts';
import { collectionWith, ROOT, TAXII, taxiiUser } from './setup.ts';

let t: TestApp;
let peer: Awaited<ReturnType<typeof taxiiUser>>;
let outsider: Awaited<ReturnType<typeof taxiiUser>>;
let collectionId: string;

beforeAll(async () => {
  t = await createTestApp([], { ACCORD_TAXII_TITLE: 'Test TAXII' });
  peer = await taxiiUser(t);
  outsider = await taxiiUser(t, 'analyst');
  const c = await collectionWith(t, [indicator('discovery.example')], {
    read: [`user:${peer.username}`],
    alias: 'trends',
  });
  collectionId = c.id;
});
afterAll(() => t?.close());

const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });

describe('TAXII discovery, API root, collections', () => {
  it('discovery names the API root with the configured title, over Basic and Bearer', async () => {
    for (const headers of [peer.basic, peer.bearer]) {
      const res = await get('/taxii2/', headers);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(TAXII);
      expect(res.json()).toMatchObject({
        title: 'Test TAXII',
        api_roots: [expect.stringMatching(/\/taxii2\/api1\/$/)],
      });
      expect(res.json().default).toBe(res.json().api_roots[0]);
    }
  });

  it('the API root lists TAXII 2.1 and its maximum content length', async () => {
    const res = await get(`${ROOT}/`, peer.basic);
    expect(res.json()).toMatchObject({ versions: [TAXII], max_content_length: expect.any(Number) });
  });

  it('collections lists only what the caller may see; by id or alias', async () => {
    const mine = (await get(`${ROOT}/collections/`, peer.basic)).json();
    expect(mine.collections).toEqual([
      {
        id: collectionId,
        title: 'Test collection',
        alias: 'trends',
        can_read: true,
        can_write: false,
        media_types: ['application/stix+json;version=2.1'],
      },
    ]);
    expect((await get(`${ROOT}/collections/`, outsider.basic)).json()).toEqual({});
    expect((await get(`${ROOT}/collections/${collectionId}/`, peer.basic)).json().id).toBe(collectionId);
    expect((await get(`${ROOT}/collections/trends/`, peer.basic)).json().id).toBe(collectionId);
  });

  it('a collection the caller is in no group of is a 404 in the TAXII error format', async () => {
    const res = await get(`${ROOT}/collections/${collectionId}/`, outsider.basic);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe(TAXII);
    expect(res.json()).toMatchObject({ title: 'Not found', http_status: '404', error_code: 'not_found' });
    expect(res.json().error_id).toEqual(expect.any(String));
    const unknown = await get(`${ROOT}/nothing/here/`, peer.basic);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toBe(TAXII);
  });

  it('a TAXII URL without its trailing slash is redirected (308) to the one with it, query kept', async () => {
    // Every TAXII URL ends in a slash; medallion (Flask) redirects ones without, and clients follow.
    const res = await get(`${ROOT}/collections/${collectionId}/objects?limit=1`, peer.basic);
    expect(res.statusCode).toBe(308);
    expect(res.headers.location).toBe(`${ROOT}/collections/${collectionId}/objects/?limit=1`);
    const followed = await get(String(res.headers.location), peer.basic);
    expect(followed.statusCode).toBe(200);
    expect((await get(`${ROOT}/collections`, peer.basic)).headers.location).toBe(`${ROOT}/collections/`);
    expect((await get(`${ROOT}/nothing/here/`, peer.basic)).statusCode).toBe(404);
  });

  it('Accept negotiation: 406 for other versions and types; TAXII without a version is fine', async () => {
    for (const accept of ['application/taxii+json;version=2.0', 'text/html', 'application/stix+json;version=2.1']) {
      const res = await get('/taxii2/', { ...peer.basic, accept });
      expect(res.statusCode, accept).toBe(406);
      expect(res.headers['content-type']).toBe(TAXII);
      expect(res.json().http_status).toBe('406');
    }
    expect((await get('/taxii2/', { ...peer.basic, accept: 'application/taxii+json' })).statusCode).toBe(200);
    expect((await get('/taxii2/', { ...peer.basic, accept: 'text/html, */*;q=0.1' })).statusCode).toBe(200);
  });

  it('authentication: none is a 401 asking for Basic; a wrong password or user is a 401; no role is a 403', async () => {
    const none = await get('/taxii2/', { accept: TAXII });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Basic/);
    expect(none.json().http_status).toBe('401');
    const wrongSecret = `Basic ${Buffer.from(`${peer.username}:acc_bogus_secret`).toString('base64')}`;
    expect((await get('/taxii2/', { authorization: wrongSecret, accept: TAXII })).statusCode).toBe(401);
    const [, token] = Buffer.from(peer.basic.authorization.slice(6), 'base64').toString().split(':');
    const wrongUser = `Basic ${Buffer.from(`someone-else:${token}`).toString('base64')}`;
    expect((await get('/taxii2/', { authorization: wrongUser, accept: TAXII })).statusCode).toBe(401);
  });

  it('every read is audited with who asked, refusals too, and never the credential', async () => {
    const before = Number((await listAuditEntries(t.runtime.ctx.db, { limit: 1 }))[0]?.seq ?? 0);
    await get('/taxii2/', peer.bearer);
    await get(`${ROOT}/`, peer.basic);
    await get(`${ROOT}/collections/`, peer.basic);
    await get(`${ROOT}/collections/trends/`, peer.basic);
    await get(`${ROOT}/collections/${collectionId}/`, outsider.basic);
    await get(`${ROOT}/status/00000000-0000-4000-8000-000000000000/`, peer.basic);
    const entries = (await listAuditEntries(t.runtime.ctx.db, { limit: 50 }))
      .filter((e) => Number(e.seq) > before)
      .reverse();
    expect(entries.map((e) => [e.action, e.actor_label.includes(peer.username)])).toEqual([
      ['share.taxii.discovery_read', true],
      ['share.taxii.api_root_read', true],
      ['share.collections.listed', true],
      ['share.collection.read', true],
      ['share.collection.read_refused', false],
      ['share.status.read_refused', true],
    ]);
    expect(entries[2]!.details).toEqual({ collections: [collectionId] });
    expect(entries[3]!.details).toEqual({ collection: collectionId });
    const token = peer.bearer.authorization.slice('Bearer '.length);
    expect(JSON.stringify(entries)).not.toContain(token);
    expect(JSON.stringify(entries)).not.toContain(peer.basic.authorization.slice(6));
  });
});
