import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { indicator, later } from '../intel/fixtures.ts';
import { collectionWith, ROOT, TAXII, taxiiUser } from './setup.ts';

let t: TestApp;
let writer: Awaited<ReturnType<typeof taxiiUser>>;
let reader: Awaited<ReturnType<typeof taxiiUser>>;
let base: string;
const existing = indicator('existing.example');

beforeAll(async () => {
  t = await createTestApp();
  writer = await taxiiUser(t);
  reader = await taxiiUser(t);
  const c = await collectionWith(t, [existing], {
    read: [`user:${writer.username}`, `user:${reader.username}`],
    write: [`user:${writer.username}`],
  });
  base = `${ROOT}/collections/${c.id}`;
});
afterAll(() => t?.close());

const post = (payload: unknown, headers: Record<string, string> = writer.basic, contentType = TAXII) =>
  t.app.inject({
    method: 'POST',
    url: `${base}/objects/`,
    headers: { ...headers, 'content-type': contentType },
    payload: JSON.stringify(payload),
  });

describe('POST objects and status', () => {
  it('adds valid objects to the collection and the intel store; reports each failure', async () => {
    const good = indicator('posted.example');
    const bad = { type: 'indicator', id: 'indicator--not-a-uuid', spec_version: '2.1' };
    const res = await post({ objects: [good, bad] });
    expect(res.statusCode).toBe(202);
    expect(res.headers['content-type']).toBe(TAXII);
    const status = res.json();
    expect(status).toMatchObject({
      status: 'complete',
      total_count: 2,
      success_count: 1,
      successes: [{ id: good.id, version: good.modified }],
      failure_count: 1,
      failures: [{ id: bad.id, message: expect.any(String) }],
      pending_count: 0,
    });
    const again = await t.app.inject({ method: 'GET', url: `${ROOT}/status/${status.id}/`, headers: writer.basic });
    expect(again.json()).toEqual(status);
    const otherCaller = await t.app.inject({
      method: 'GET',
      url: `${ROOT}/status/${status.id}/`,
      headers: reader.basic,
    });
    expect(otherCaller.statusCode).toBe(404);
    const served = await t.app.inject({ method: 'GET', url: `${base}/objects/${good.id}/`, headers: reader.basic });
    expect(served.json().objects[0].id).toBe(good.id);
    const { getObject } = await import('../../src/intel/service.ts');
    expect((await getObject(t.runtime.ctx, good.id))[0]!.stix_id).toBe(good.id);
  });

  it('a new version posted becomes the latest', async () => {
    await post({ objects: [{ ...existing, modified: later(5), name: 'updated' }] });
    const res = await t.app.inject({ method: 'GET', url: `${base}/objects/${existing.id}/`, headers: reader.basic });
    expect(res.json().objects[0].name).toBe('updated');
  });

  it('415 for other content types, 400 for a body that is not an envelope', async () => {
    for (const type of [
      'application/json',
      'application/stix+json;version=2.1',
      'application/taxii+json;version=2.0',
    ]) {
      const res = await post({ objects: [] }, writer.basic, type);
      expect(res.statusCode, type).toBe(415);
      expect(res.headers['content-type']).toBe(TAXII);
      expect(res.json().http_status).toBe('415');
    }
    expect((await post({ objects: 'nope' })).statusCode).toBe(400);
    expect((await post([1, 2])).statusCode).toBe(400);
  });

  it('403 for a reader without write access; 401 anonymous', async () => {
    const res = await post({ objects: [indicator('x.example')] }, reader.basic);
    expect(res.statusCode).toBe(403);
    expect(res.json().http_status).toBe('403');
    expect((await post({ objects: [] }, { accept: TAXII })).statusCode).toBe(401);
  });
});

describe('DELETE object', () => {
  it('removes chosen versions, then the rest; 404 when absent; 403 for readers', async () => {
    const obj = indicator('delete.example');
    await post({ objects: [obj, { ...obj, modified: later(9) }] });
    const url = `${base}/objects/${obj.id}/`;
    const del = (q = '', headers = writer.basic) => t.app.inject({ method: 'DELETE', url: `${url}${q}`, headers });
    expect((await del('', reader.basic)).statusCode).toBe(403);
    expect((await del(`?match[version]=${later(9)}`)).statusCode).toBe(200);
    const left = await t.app.inject({ method: 'GET', url: `${url}versions/`, headers: reader.basic });
    expect(left.json().versions).toEqual([obj.modified]);
    expect((await del()).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url, headers: reader.basic })).statusCode).toBe(404);
    expect((await del()).statusCode).toBe(404);
  });
});
