import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/cli.ts';
import { createTestApp, tokenFor, type TestApp } from '../support/app.ts';
import { bundle, indicator, relationship, sdo } from './fixtures.ts';

const rcs = readFileSync(resolve(repoRoot, '../shared/data/iocs/rcs.stix2'));
let t: TestApp;
let analyst: { authorization: string };
let peer: { authorization: string };
let feed: Server;
let feedUrl: string;

beforeAll(async () => {
  t = await createTestApp([], { ACCORD_OUTBOUND_ALLOW_PRIVATE: 'true' });
  analyst = await tokenFor(t, 'analyst');
  peer = await tokenFor(t, 'peer');
  // A real HTTP peer serving a bundle, as a feed would.
  feed = createServer((req, res) => {
    if (req.url === '/rcs.stix2') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(rcs);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => feed.listen(0, '127.0.0.1', r));
  const address = feed.address();
  feedUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}, 60_000);
afterAll(async () => {
  feed?.close();
  await t?.close();
});

const post = (url: string, payload: string | Buffer, contentType: string, headers = analyst) =>
  t.app.inject({ method: 'POST', url, payload, headers: { ...headers, 'content-type': contentType } });

describe('POST /api/intel/imports', () => {
  it('imports an uploaded bundle and reports good and bad objects', async () => {
    const malware = sdo('malware', 'Upload test');
    const good = indicator('upload.example');
    const body = bundle(malware, good, relationship('indicates', good.id, malware.id), { type: 'indicator' });
    const res = await post('/api/intel/imports', JSON.stringify(body), 'application/stix+json;version=2.1');
    expect(res.statusCode).toBe(201);
    const report = res.json();
    expect(report).toMatchObject({ format: 'stix', inserted: 3, rejectedCount: 1 });
    expect(report.rejected[0].reason).toMatch(/id/);
    const again = await post('/api/intel/imports', JSON.stringify(body), 'application/json');
    expect(again.json()).toMatchObject({ inserted: 0, duplicates: 3 });
  });

  it('malformed JSON is a 400 problem', async () => {
    const res = await post('/api/intel/imports', '{"type": "bundle", "objects": [', 'application/json');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json().detail).toMatch(/could not be read/);
  });

  it('an empty body and an unsupported media type are refused', async () => {
    expect((await post('/api/intel/imports', '', 'application/json')).statusCode).toBe(400);
    const res = await post('/api/intel/imports', '<xml/>', 'application/xml');
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('needs intel:write: a peer is refused, anonymous is refused', async () => {
    expect((await post('/api/intel/imports', JSON.stringify(bundle()), 'application/json', peer)).statusCode).toBe(403);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/intel/imports',
      payload: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('POST /api/intel/imports/from-url', () => {
  it('imports a bundle from a real HTTP peer', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/intel/imports/from-url',
      headers: analyst,
      payload: { url: `${feedUrl}/rcs.stix2` },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      received: 81,
      indicatorsByKey: { 'domain-name:value': 26, "file:hashes.'SHA-256'": 9, 'app:id': 5 },
    });
  });

  it('a missing document is a 502 outbound_failed naming the URL and the HTTP status', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/intel/imports/from-url',
      headers: analyst,
      payload: { url: `${feedUrl}/missing` },
    });
    expect(res.statusCode).toBe(502);
    expect(res.json()).toMatchObject({ code: 'outbound_failed', url: `${feedUrl}/missing` });
    expect(res.json().detail).toMatch(/404/);
  });

  it('refuses non-http URLs and unknown fields', async () => {
    const file = await t.app.inject({
      method: 'POST',
      url: '/api/intel/imports/from-url',
      headers: analyst,
      payload: { url: 'file:///etc/passwd' },
    });
    expect(file.statusCode).toBe(400);
    const extra = await t.app.inject({
      method: 'POST',
      url: '/api/intel/imports/from-url',
      headers: analyst,
      payload: { url: `${feedUrl}/x`, follow: true },
    });
    expect(extra.statusCode).toBe(400);
  });
});

describe('queries', () => {
  it('search, objects, context, actors and export answer', async () => {
    const search = await t.app.inject({
      method: 'GET',
      url: '/api/intel/search?value=www.upload.example',
      headers: analyst,
    });
    expect(search.statusCode).toBe(200);
    const match = search.json().matches[0];
    expect(match.matched.how).toBe('parent-domain');
    expect(match.attribution[0].name).toBe('Upload test');

    const list = await t.app.inject({ method: 'GET', url: '/api/intel/objects?key=app:id&limit=2', headers: analyst });
    expect(list.statusCode).toBe(200);
    expect(list.json().objects).toHaveLength(2);
    expect(list.json().next).not.toBeNull();
    const next = await t.app.inject({
      method: 'GET',
      url: `/api/intel/objects?key=app:id&limit=2&after=${list.json().next}`,
      headers: analyst,
    });
    expect(next.json().objects).toHaveLength(2);

    const id = match.indicator.id;
    const obj = await t.app.inject({ method: 'GET', url: `/api/intel/objects/${id}`, headers: analyst });
    expect(obj.json().objects[0].id).toBe(id);
    const ctx = await t.app.inject({ method: 'GET', url: `/api/intel/objects/${id}/context`, headers: analyst });
    expect(ctx.json().attribution[0].via).toBe('indicates');

    const actors = await t.app.inject({ method: 'GET', url: '/api/intel/actors', headers: analyst });
    expect(actors.json().actors.find((a: { name: string }) => a.name === 'RCSLab').indicators).toBe(40);

    const exported = await t.app.inject({ method: 'GET', url: '/api/intel/export?actor=RCSLab', headers: analyst });
    expect(exported.headers['content-type']).toMatch(/application\/stix\+json/);
    const b = exported.json();
    expect(b.type).toBe('bundle');
    expect(b.objects.filter((o: { type: string }) => o.type === 'indicator')).toHaveLength(40);
    expect(b.objects.filter((o: { type: string }) => o.type === 'malware')).toHaveLength(1);
  });

  it('bad query input is a 400 problem, unknown objects a 404', async () => {
    for (const url of [
      '/api/intel/objects?limit=0',
      '/api/intel/objects?valid_at=soon',
      '/api/intel/objects?bogus=1',
      '/api/intel/objects/not-an-id',
      '/api/intel/search',
      '/api/intel/objects?actor=Nobody',
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: analyst });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type'], url).toMatch(/application\/problem\+json/);
    }
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/intel/objects/indicator--6f1c4ad2-0a5b-4c39-9d2e-6e39c7bdf1a1',
      headers: analyst,
    });
    expect(missing.statusCode).toBe(404);
  });
});
