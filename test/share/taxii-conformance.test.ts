import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { indicator, later, T0 } from '../intel/fixtures.ts';
import { collectionWith, ROOT, TAXII, taxiiUser } from './setup.ts';

/**
 * Points of the OASIS TAXII 2.1 specification (and of its reference server, medallion, where the specification
 * leaves a choice) that the other TAXII tests do not pin down.
 */
let t: TestApp;
let peer: Awaited<ReturnType<typeof taxiiUser>>;
let base: string;
const one = indicator('conformance.example');
const oneV2 = { ...one, modified: later(1) };

beforeAll(async () => {
  t = await createTestApp();
  peer = await taxiiUser(t);
  const c = await collectionWith(t, [one, oneV2], {
    read: [`user:${peer.username}`],
    write: [`user:${peer.username}`],
  });
  base = `${ROOT}/collections/${c.id}`;
});
afterAll(() => t?.close());

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: peer.basic });
const post = (objects: unknown[]) =>
  t.app.inject({
    method: 'POST',
    url: `${base}/objects/`,
    headers: { ...peer.basic, 'content-type': TAXII },
    payload: JSON.stringify({ objects }),
  });

const MICROSECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

describe('status resource (TAXII 2.1 section 4.3.1)', () => {
  it('omits empty successes, failures and pendings: empty lists are prohibited (section 2.1, list)', async () => {
    const allGood = (await post([indicator('status-good.example')])).json();
    expect(allGood).toMatchObject({ total_count: 1, success_count: 1, failure_count: 0, pending_count: 0 });
    expect(allGood.successes).toHaveLength(1);
    expect(allGood).not.toHaveProperty('failures');
    expect(allGood).not.toHaveProperty('pendings');
    const allBad = (await post([{ type: 'indicator', id: 'indicator--nope' }])).json();
    expect(allBad).toMatchObject({ total_count: 1, success_count: 0, failure_count: 1 });
    expect(allBad).not.toHaveProperty('successes');
    expect(allBad).not.toHaveProperty('pendings');
    const empty = (await post([])).json();
    expect(empty).toMatchObject({ total_count: 0, success_count: 0, failure_count: 0, pending_count: 0 });
    expect(Object.keys(empty).filter((k) => Array.isArray(empty[k]))).toEqual([]);
    const stored = (await get(`${ROOT}/status/${allGood.id}/`)).json();
    expect(stored).toEqual(allGood);
  });

  it('request_timestamp is a TAXII timestamp: UTC with microsecond precision (section 2.1, timestamp)', async () => {
    const status = (await post([indicator('status-time.example')])).json();
    expect(status.request_timestamp).toMatch(MICROSECONDS);
  });
});

describe('filter parameters (sections 3.4 and 3.5)', () => {
  it('a match field given twice is a 400 (each field MUST NOT occur more than once)', async () => {
    for (const q of [
      'match[type]=indicator&match[type]=malware',
      `match[id]=${one.id}&match[id]=${one.id}`,
      'match[version]=first&match[version]=last',
      'match[spec_version]=2.1&match[spec_version]=2.1',
    ]) {
      const res = await get(`${base}/objects/?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().http_status, q).toBe('400');
    }
    expect((await get(`${base}/objects/?match[type]=indicator,malware`)).statusCode).toBe(200);
  });

  it('a limit above what the server serves is lowered to its page size, not refused', async () => {
    const res = await get(`${base}/objects/?limit=99999999999`);
    expect(res.statusCode).toBe(200);
    expect(res.json().more).toBe(false);
    expect((await get(`${base}/objects/?limit=1.5`)).statusCode).toBe(400);
  });
});

describe('get an object, get object versions: filters versus absence (sections 5.6 and 5.8)', () => {
  it('an object that exists but whose versions the filters exclude is an empty envelope, not a 404', async () => {
    for (const q of ['?added_after=2999-01-01T00:00:00Z', '?match[version]=2000-01-01T00:00:00.000Z']) {
      const res = await get(`${base}/objects/${one.id}/${q}`);
      expect(res.statusCode, q).toBe(200);
      expect(res.headers['content-type']).toBe(TAXII);
      expect(res.json(), q).toEqual({ more: false });
      expect(res.headers['x-taxii-date-added-first']).toBeUndefined();
    }
    const versions = await get(`${base}/objects/${one.id}/versions/?added_after=2999-01-01T00:00:00Z`);
    expect(versions.statusCode).toBe(200);
    expect(versions.json()).toEqual({ more: false });
    expect((await get(`${base}/objects/${one.id}/versions/`)).json().versions).toEqual([T0, later(1)]);
  });

  it('an object the collection does not hold is still a 404, filters or not', async () => {
    const absent = 'indicator--00000000-0000-4000-8000-000000000001';
    for (const url of [
      `${base}/objects/${absent}/`,
      `${base}/objects/${absent}/?match[version]=all`,
      `${base}/objects/${absent}/versions/`,
      `${base}/objects/${absent}/versions/?added_after=2000-01-01T00:00:00Z`,
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().http_status, url).toBe('404');
    }
  });
});
