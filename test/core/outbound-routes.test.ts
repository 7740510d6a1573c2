import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, tokenFor, type TestApp } from '../support/app.ts';
import { bundle, indicator } from '../intel/fixtures.ts';

// A real redirecting server on loopback. Private fetching is allowed for the first hop only, as the test's
// configuration says: every later hop is checked as in production. /secret must never be asked.
let t: TestApp;
let analyst: { authorization: string };
let admin: { authorization: string };
let server: Server;
let base = '';
let secretHits = 0;
let port = 0;
const targets = () => ({
  loopback: `http://127.0.0.1:${port}/secret`,
  'IPv6 loopback': `http://[::1]:${port}/secret`,
  'IPv4-mapped': `http://[::ffff:127.0.0.1]:${port}/secret`,
});
const secret = JSON.stringify(bundle([indicator("[domain-name:value = 'secret.example']")]));

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/secret') {
      secretHits++;
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(secret);
    }
    const to = url.searchParams.get('to') ?? /^\/to\/([^/]+)/.exec(url.pathname)?.[1];
    res.writeHead(302, { location: targets()[decodeURIComponent(to ?? '') as keyof ReturnType<typeof targets>] });
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  t = await createTestApp([], { ACCORD_OUTBOUND_ALLOW_PRIVATE_FIRST_HOP: 'true' });
  analyst = await tokenFor(t, 'analyst');
  admin = await tokenFor(t, 'admin');
}, 60_000);
afterAll(async () => {
  server?.close();
  await t?.close();
});

describe.each(['loopback', 'IPv6 loopback', 'IPv4-mapped'])('a redirect to %s is refused', (target) => {
  const redirect = () => `${base}/?to=${encodeURIComponent(target)}`;

  it('on an import from a URL', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/intel/imports/from-url',
      headers: analyst,
      payload: { url: redirect() },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'outbound_refused' });
    // The second hop is the one refused: the first, on loopback too, is allowed by this test's configuration.
    expect(res.json().detail).toMatch(/\/secret refused/);
    expect(secretHits).toBe(0);
  });

  it("on an MVT index's download", async () => {
    const index = `indicators:\n  - name: x\n    type: download\n    download_url: "${redirect()}"\n`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/intel/imports?format=mvt-index',
      headers: { ...analyst, 'content-type': 'application/yaml' },
      payload: index,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().rejected).toEqual([
      expect.objectContaining({ record: 'index entry 1 (x)', reason: expect.stringMatching(/\/secret refused/) }),
    ]);
    expect(secretHits).toBe(0);
  });

  it('on a TAXII subscription pull', async () => {
    const name = `sub-${target.replace(/\W/g, '')}`;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/share/subscriptions',
      headers: admin,
      payload: { name, url: `${base}/to/${encodeURIComponent(target)}/collections/c/` },
    });
    expect(created.statusCode).toBe(201);
    const pull = await t.app.inject({
      method: 'POST',
      url: `/api/share/subscriptions/${created.json().id}/pull`,
      headers: admin,
    });
    expect(pull.statusCode).toBe(400);
    expect(pull.json()).toMatchObject({ code: 'outbound_refused' });
    expect(pull.json().detail).toMatch(/\/secret refused/);
    expect(secretHits).toBe(0);
  });
});

describe('an MVT index may name only http(s) URLs', () => {
  it('refuses paths, file: and relative names with one reason, whether the file exists or not', async () => {
    const locations = ['/etc/passwd', '/no/such/file', 'file:///etc/passwd', '../../etc/passwd', 'indicators.stix2'];
    const index = `indicators:\n${locations.map((l, i) => `  - name: e${i}\n    type: download\n    download_url: "${l}"\n`).join('')}`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/intel/imports?format=mvt-index',
      headers: { ...analyst, 'content-type': 'application/yaml' },
      payload: index,
    });
    expect(res.statusCode).toBe(201);
    const reasons = (res.json().rejected as { reason: string }[]).map((r) => r.reason);
    expect(reasons).toHaveLength(locations.length);
    expect(new Set(reasons)).toEqual(new Set(['download_url must be an absolute http or https URL']));
    expect(res.json().received).toBe(0);
  });
});
