import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { indicator, later, sdo, T0, TLP_AMBER, TLP_RED } from '../intel/fixtures.ts';
import { collectionWith, ROOT, TAXII, taxiiUser } from './setup.ts';

let t: TestApp;
let peer: Awaited<ReturnType<typeof taxiiUser>>;
let amberPeer: Awaited<ReturnType<typeof taxiiUser>>;
let base: string;

const versioned = indicator('versions.example');
const v2 = { ...versioned, modified: later(1), name: 'second' };
const v3 = { ...versioned, modified: later(2), name: 'third' };
const malware = sdo('malware', 'Example spyware');
const amber = indicator('amber.example', { object_marking_refs: [TLP_AMBER] });
const red = indicator('red.example', { object_marking_refs: [TLP_RED] });
const remarked = indicator('remarked.example');
const remarkedRed = { ...remarked, modified: later(3), object_marking_refs: [TLP_RED] };
const plain = Array.from({ length: 5 }, (_, i) => indicator(`plain${i}.example`));

beforeAll(async () => {
  t = await createTestApp();
  peer = await taxiiUser(t);
  amberPeer = await taxiiUser(t);
  const c = await collectionWith(t, [versioned, v2, v3, malware, amber, red, remarked, remarkedRed, ...plain], {
    read: [`user:${peer.username}`, `user:${amberPeer.username}`],
    amber: [`user:${amberPeer.username}`],
  });
  base = `${ROOT}/collections/${c.id}`;
});
afterAll(() => t?.close());

const get = (url: string, headers = peer.basic) => t.app.inject({ method: 'GET', url, headers });
const ids = (body: { objects?: Array<{ id: string }> }) => (body.objects ?? []).map((o) => o.id);

describe('GET objects', () => {
  it('serves the latest version of every releasable object, with the date-added headers', async () => {
    const res = await get(`${base}/objects/`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(TAXII);
    const body = res.json();
    expect(body.more).toBe(false);
    expect(ids(body).sort()).toEqual([versioned.id, malware.id, ...plain.map((p) => p.id)].sort());
    expect(body.objects.find((o: { id: string }) => o.id === versioned.id).name).toBe('third');
    expect(Date.parse(String(res.headers['x-taxii-date-added-first']))).toBeLessThanOrEqual(
      Date.parse(String(res.headers['x-taxii-date-added-last'])),
    );
  });

  it('TLP:AMBER only to the amber group; TLP:RED to nobody', async () => {
    const body = (await get(`${base}/objects/?match[version]=all`, amberPeer.basic)).json();
    expect(ids(body)).toContain(amber.id);
    expect(ids(body)).not.toContain(red.id);
    expect(ids((await get(`${base}/objects/?match[version]=all`)).json())).not.toContain(amber.id);
    expect((await get(`${base}/objects/${red.id}/`, amberPeer.basic)).statusCode).toBe(404);
  });

  it('a version re-marked TLP:RED later withholds its older versions too', async () => {
    for (const q of ['', '?match[version]=all', '?match[version]=first', `?match[version]=${remarked.modified}`]) {
      expect((await get(`${base}/objects/${remarked.id}/${q}`, amberPeer.basic)).statusCode, q).toBe(404);
    }
    expect((await get(`${base}/objects/${remarked.id}/versions/`, amberPeer.basic)).statusCode).toBe(404);
    expect(ids((await get(`${base}/manifest/?match[version]=all`, amberPeer.basic)).json())).not.toContain(remarked.id);
  });

  it('pages with limit and an opaque next, without gaps or repeats', async () => {
    const seen: string[] = [];
    let next: string | undefined;
    for (let i = 0; i < 10; i++) {
      const res = await get(`${base}/objects/?limit=3${next ? `&next=${next}` : ''}`);
      const body = res.json();
      seen.push(...ids(body));
      if (!body.more) {
        expect(body.next).toBeUndefined();
        break;
      }
      next = body.next;
      expect(next).toMatch(/^[A-Za-z0-9_-]+$/);
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it('filters by match[id], match[type], match[spec_version] and added_after', async () => {
    expect(ids((await get(`${base}/objects/?match[type]=malware`)).json())).toEqual([malware.id]);
    const two = (await get(`${base}/objects/?match[id]=${malware.id},${plain[0]!.id}`)).json();
    expect(ids(two).sort()).toEqual([malware.id, plain[0]!.id].sort());
    expect(ids((await get(`${base}/objects/?match[spec_version]=2.0`)).json())).toEqual([]);
    expect(ids((await get(`${base}/objects/?match[spec_version]=2.1`)).json())).toHaveLength(7);
    const all = await get(`${base}/objects/`);
    const last = String(all.headers['x-taxii-date-added-last']);
    expect((await get(`${base}/objects/?added_after=${last}`)).json()).toEqual({ more: false });
    expect(ids((await get(`${base}/objects/?added_after=2000-01-01T00:00:00Z`)).json())).toHaveLength(7);
  });

  it('match[version]: first, last, all, timestamps and combinations', async () => {
    const names = async (q: string) =>
      (await get(`${base}/objects/?match[id]=${versioned.id}&match[version]=${q}`))
        .json()
        .objects.map((o: { name?: string }) => o.name ?? 'first');
    expect(await names('first')).toEqual(['first']);
    expect(await names('last')).toEqual(['third']);
    expect(await names('all')).toEqual(['first', 'second', 'third']);
    expect(await names(later(1))).toEqual(['second']);
    expect(await names(`first,${later(1)}`)).toEqual(['first', 'second']);
    expect(await names(`${T0},last`)).toEqual(['first', 'third']);
  });

  it('bad parameters are 400s in the TAXII error format', async () => {
    for (const q of [
      'match[version]=newest',
      'match[version]=2026-13-01',
      'next=bogus',
      `next=${Buffer.from('s1:x').toString('base64url')}`,
      'limit=0',
      'limit=-5',
      'added_after=yesterday',
      'unknown=1',
    ]) {
      const res = await get(`${base}/objects/?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.headers['content-type'], q).toBe(TAXII);
      expect(res.json().http_status, q).toBe('400');
    }
  });
});

describe('object, versions, manifest', () => {
  it('object by id: latest by default, all versions on request, 404 when absent', async () => {
    const one = (await get(`${base}/objects/${versioned.id}/`)).json();
    expect(one.objects).toHaveLength(1);
    expect(one.objects[0].name).toBe('third');
    const all = (await get(`${base}/objects/${versioned.id}/?match[version]=all`)).json();
    expect(all.objects).toHaveLength(3);
    const missing = await get(`${base}/objects/indicator--00000000-0000-4000-8000-000000000000/`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().http_status).toBe('404');
  });

  it('versions lists every version, pages, and is 404 for absent or withheld objects', async () => {
    const res = await get(`${base}/objects/${versioned.id}/versions/`);
    expect(res.json()).toEqual({ more: false, versions: [T0, later(1), later(2)] });
    expect(res.headers['x-taxii-date-added-first']).toBeDefined();
    const first = (await get(`${base}/objects/${versioned.id}/versions/?limit=2`)).json();
    expect(first).toMatchObject({ more: true, versions: [T0, later(1)] });
    const rest = (await get(`${base}/objects/${versioned.id}/versions/?limit=2&next=${first.next}`)).json();
    expect(rest).toEqual({ more: false, versions: [later(2)] });
    expect((await get(`${base}/objects/${red.id}/versions/`)).statusCode).toBe(404);
    expect((await get(`${base}/objects/${versioned.id}/versions/?match[version]=all`)).statusCode).toBe(400);
  });

  it('manifest describes each served version', async () => {
    const body = (await get(`${base}/manifest/?match[id]=${versioned.id}&match[version]=all`)).json();
    expect(body.more).toBe(false);
    expect(body.objects.map((m: { version: string }) => m.version)).toEqual([T0, later(1), later(2)]);
    expect(body.objects[0]).toMatchObject({
      id: versioned.id,
      media_type: 'application/stix+json;version=2.1',
      date_added: expect.stringMatching(/Z$/),
    });
    const withheld = (await get(`${base}/manifest/?match[version]=all`)).json();
    expect(withheld.objects.map((m: { id: string }) => m.id)).not.toContain(red.id);
    expect(withheld.objects.map((m: { id: string }) => m.id)).not.toContain(amber.id);
  });

  it('every read is audited', async () => {
    const { listAuditEntries } = await import('../../src/core/audit/index.ts');
    const entries = await listAuditEntries(t.runtime.ctx.db, { limit: 500, action: 'share.objects.read' });
    expect(entries.length).toBeGreaterThan(10);
    expect(entries.map((e) => e.actor_label).join()).toContain(peer.username);
  });
});
