import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit/index.ts';
import { addToCollection, toVersion } from '../../src/share/publish.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { indicator, later, sdo, T0 } from '../intel/fixtures.ts';
import { collectionWith, ROOT, TAXII, taxiiUser } from './setup.ts';

/**
 * TAXII 2.1 filters over STIX versions (section 3.4.2), the manifest's paging and date-added headers (5.3), an
 * object's pages (5.6), DELETE filters (5.7), and Accept and access errors on every endpoint family.
 */
let t: TestApp;
let peer: Awaited<ReturnType<typeof taxiiUser>>;
let writerOnly: Awaited<ReturnType<typeof taxiiUser>>;
let mixed: string;
let paged: string;

// A real STIX 2.0 object: no spec_version, `labels` required.
const stix20 = (extra: Record<string, unknown> = {}) => ({
  type: 'indicator',
  id: `indicator--${randomUUID()}`,
  created: T0,
  modified: T0,
  labels: ['malicious-activity'],
  pattern: "[domain-name:value = 'old.example']",
  valid_from: T0,
  ...extra,
});
const old20 = stix20();
// Produced in 2.0 first, upgraded to 2.1 later.
const upgraded20 = stix20();
const upgraded21 = { ...indicator('upgraded.example'), id: upgraded20.id, modified: later(1) };
const new21 = indicator('new.example');
const versioned = indicator('paged-versions.example');
const pagedObjects = [
  ...Array.from({ length: 5 }, (_, i) => indicator(`paged${i}.example`)),
  sdo('malware', 'Paged spyware'),
  versioned,
  { ...versioned, modified: later(1) },
  { ...versioned, modified: later(2) },
];

beforeAll(async () => {
  t = await createTestApp();
  peer = await taxiiUser(t);
  writerOnly = await taxiiUser(t);
  const groups = { read: [`user:${peer.username}`], write: [`user:${peer.username}`, `user:${writerOnly.username}`] };
  const m = await collectionWith(t, [], groups);
  // 2.0 objects cannot pass the intel store (STIX 2.1 only): placed in the collection directly.
  await addToCollection(
    t.runtime.ctx,
    systemActor('test'),
    m.id,
    [old20, upgraded20, upgraded21, new21].map(toVersion),
    'test',
  );
  mixed = `${ROOT}/collections/${m.id}`;
  // In three transactions: their objects' date_added differ (within one they may be equal).
  const p = await collectionWith(t, pagedObjects.slice(0, 3), groups);
  for (const batch of [pagedObjects.slice(3, 6), pagedObjects.slice(6)]) {
    await addToCollection(t.runtime.ctx, systemActor('test'), p.id, batch.map(toVersion), 'test');
  }
  paged = `${ROOT}/collections/${p.id}`;
});
afterAll(() => t?.close());

const get = (url: string, headers = peer.basic) => t.app.inject({ method: 'GET', url, headers });
type Served = { objects?: Array<Record<string, unknown>> };
const keys = (body: Served) => (body.objects ?? []).map((o) => `${o.id}@${o.version ?? o.modified}`).sort();
const key = (o: { id: string; modified: string }) => `${o.id}@${o.modified}`;

describe('match[spec_version] with a STIX 2.0 object among 2.1 ones', () => {
  it('objects: by default each object in its latest STIX version; 2.0, 2.1 or both on request', async () => {
    const objects = async (q: string) => keys((await get(`${mixed}/objects/${q}`)).json());
    expect(await objects('')).toEqual([old20, upgraded21, new21].map(key).sort());
    expect(await objects('?match[spec_version]=2.0')).toEqual([old20, upgraded20].map(key).sort());
    expect(await objects('?match[spec_version]=2.1')).toEqual([upgraded21, new21].map(key).sort());
    expect(await objects('?match[spec_version]=2.0,2.1')).toEqual([old20, upgraded21, new21].map(key).sort());
    expect(await objects('?match[spec_version]=2.0,2.1&match[version]=all')).toEqual(
      [old20, upgraded20, upgraded21, new21].map(key).sort(),
    );
    expect(await objects('?match[version]=all')).toEqual([old20, upgraded21, new21].map(key).sort());
  });

  it('manifest: the same choice, each entry with its own STIX media type', async () => {
    const manifest = async (q: string) => (await get(`${mixed}/manifest/${q}`)).json().objects;
    const byDefault = await manifest('');
    expect(byDefault.map((m: Record<string, string>) => `${m.id}@${m.version}`).sort()).toEqual(
      [old20, upgraded21, new21].map(key).sort(),
    );
    expect(byDefault.find((m: { id: string }) => m.id === old20.id).media_type).toBe(
      'application/stix+json;version=2.0',
    );
    const old = await manifest(`?match[spec_version]=2.0&match[id]=${upgraded20.id}`);
    expect(old).toEqual([expect.objectContaining({ version: T0, media_type: 'application/stix+json;version=2.0' })]);
  });

  it('object by id and versions: latest STIX version by default, the other on request', async () => {
    const one = async (q: string) => (await get(`${mixed}/objects/${upgraded20.id}/${q}`)).json().objects;
    expect(await one('')).toEqual([upgraded21]);
    expect(await one('?match[spec_version]=2.0')).toEqual([upgraded20]);
    expect(await one('?match[spec_version]=2.0,2.1&match[version]=all')).toEqual([upgraded20, upgraded21]);
    expect((await get(`${mixed}/objects/${old20.id}/`)).json().objects).toEqual([old20]);
    const versions = async (q: string) => (await get(`${mixed}/objects/${upgraded20.id}/versions/${q}`)).json();
    expect(await versions('')).toEqual({ more: false, versions: [later(1)] });
    expect(await versions('?match[spec_version]=2.0')).toEqual({ more: false, versions: [T0] });
    expect(await versions('?match[spec_version]=2.0,2.1')).toEqual({ more: false, versions: [T0, later(1)] });
  });
});

describe('manifest: added_after, limit and next, match[type], date-added headers', () => {
  type Entry = { id: string; date_added: string; version: string };
  it('pages in date_added order; each page’s headers are its first and last entry’s date_added', async () => {
    const all: Entry[] = [];
    let next: string | undefined;
    for (let page = 0; page < 10; page++) {
      const res = await get(`${paged}/manifest/?match[version]=all&limit=2${next ? `&next=${next}` : ''}`);
      const body = res.json<{ more: boolean; next?: string; objects: Entry[] }>();
      expect(res.headers['x-taxii-date-added-first']).toBe(body.objects[0]!.date_added);
      expect(res.headers['x-taxii-date-added-last']).toBe(body.objects.at(-1)!.date_added);
      all.push(...body.objects);
      if (!body.more) break;
      next = body.next;
    }
    expect(all).toHaveLength(pagedObjects.length);
    expect(new Set(all.map((e) => `${e.id}@${e.version}`)).size).toBe(pagedObjects.length);
    expect([...all].sort((a, b) => a.date_added.localeCompare(b.date_added))).toEqual(all);

    const after = await get(`${paged}/manifest/?match[version]=all&added_after=${all[2]!.date_added}`);
    expect(after.json().objects).toEqual(all.slice(3));
    expect(all[3]!.date_added > all[2]!.date_added).toBe(true);
    expect(after.headers['x-taxii-date-added-first']).toBe(all[3]!.date_added);
    expect(after.headers['x-taxii-date-added-last']).toBe(all.at(-1)!.date_added);
    const malware = (await get(`${paged}/manifest/?match[type]=malware`)).json().objects;
    expect(malware).toEqual([all.find((e) => e.id === pagedObjects[5]!.id)]);
    expect((await get(`${paged}/manifest/?added_after=${all.at(-1)!.date_added}`)).json()).toEqual({ more: false });
  });

  it('object by id pages its versions with next, with the headers of each page', async () => {
    const manifest = (await get(`${paged}/manifest/?match[id]=${versioned.id}&match[version]=all`)).json().objects;
    const first = await get(`${paged}/objects/${versioned.id}/?match[version]=all&limit=2`);
    const body = first.json();
    expect(body.objects.map((o: { modified: string }) => o.modified)).toEqual([T0, later(1)]);
    expect(body.more).toBe(true);
    expect(first.headers['x-taxii-date-added-first']).toBe(manifest[0].date_added);
    expect(first.headers['x-taxii-date-added-last']).toBe(manifest[1].date_added);
    const rest = await get(`${paged}/objects/${versioned.id}/?match[version]=all&limit=2&next=${body.next}`);
    expect(rest.json()).toEqual({ more: false, objects: [pagedObjects[8]] });
    expect(rest.headers['x-taxii-date-added-first']).toBe(manifest[2].date_added);
    expect(rest.headers['x-taxii-date-added-last']).toBe(manifest[2].date_added);
  });
});

describe('DELETE with match[version] and match[spec_version]', () => {
  it('first, last, a STIX version, then all', async () => {
    const id = `indicator--${randomUUID()}`;
    const v = (modified: string) => ({ ...indicator('deleted.example'), id, modified });
    const objectsOf = [stix20({ id }), v(later(1)), v(later(2)), v(later(3))].map(toVersion);
    const c = mixed.split('/').at(-1)!;
    await addToCollection(t.runtime.ctx, systemActor('test'), c, objectsOf, 'test');
    const del = (q: string, headers = peer.basic) =>
      t.app.inject({ method: 'DELETE', url: `${mixed}/objects/${id}/${q}`, headers });
    const left = async () =>
      (await get(`${mixed}/objects/${id}/versions/?match[spec_version]=2.0,2.1`)).json().versions ?? [];
    expect((await del('?match[version]=first&match[spec_version]=2.1')).statusCode).toBe(200);
    expect(await left()).toEqual([T0, later(2), later(3)]);
    expect((await del('?match[version]=last')).statusCode).toBe(200);
    expect(await left()).toEqual([T0, later(2)]);
    expect((await del('?match[spec_version]=2.0')).statusCode).toBe(200);
    expect(await left()).toEqual([later(2)]);
    expect((await del('?match[version]=all')).statusCode).toBe(200);
    expect((await get(`${mixed}/objects/${id}/versions/`)).statusCode).toBe(404);
    expect((await del('?match[version]=all')).statusCode).toBe(404);
  });
});

describe('errors on every endpoint family', () => {
  const families = () => [
    ['GET', '/taxii2/'],
    ['GET', `${ROOT}/`],
    ['GET', `${ROOT}/collections/`],
    ['GET', `${mixed}/`],
    ['GET', `${mixed}/objects/`],
    ['POST', `${mixed}/objects/`],
    ['GET', `${mixed}/manifest/`],
    ['GET', `${mixed}/objects/${old20.id}/`],
    ['DELETE', `${mixed}/objects/${old20.id}/`],
    ['GET', `${mixed}/objects/${old20.id}/versions/`],
    ['GET', `${ROOT}/status/${randomUUID()}/`],
  ];

  it('406 for an Accept of another TAXII version, in the TAXII error format', async () => {
    for (const [method, url] of families()) {
      const res = await t.app.inject({
        method: method as 'GET',
        url: url!,
        headers: {
          ...peer.basic,
          accept: 'application/taxii+json;version=2.0',
          ...(method === 'POST' ? { 'content-type': TAXII } : {}),
        },
        ...(method === 'POST' ? { payload: JSON.stringify({ objects: [] }) } : {}),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(406);
      expect(res.headers['content-type']).toBe(TAXII);
      expect(res.json().http_status).toBe('406');
    }
    expect((await get(`${mixed}/objects/${old20.id}/`)).statusCode).toBe(200);
  });

  it('403 for a member who may write but not read; the collection itself is visible to them', async () => {
    for (const url of [
      `${mixed}/objects/`,
      `${mixed}/manifest/`,
      `${mixed}/objects/${old20.id}/`,
      `${mixed}/objects/${old20.id}/versions/`,
    ]) {
      const res = await get(url, writerOnly.basic);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().http_status).toBe('403');
    }
    expect((await get(`${mixed}/`, writerOnly.basic)).json()).toMatchObject({ can_read: false, can_write: true });
  });
});
