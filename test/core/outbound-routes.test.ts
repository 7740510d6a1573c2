import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, tokenFor, type TestApp } from '../support/app.ts';

// One real server on loopback plays both parts: the allowed first hop (a feed, an MVT index, a TAXII collection) that
// redirects, and the internal service behind it (/secret) that no redirect may reach. The app may fetch private
// addresses on the first hop only (ACCORD_OUTBOUND_ALLOW_PRIVATE_FIRST_HOP), so every later hop is checked as in
// production: a redirect to loopback is refused before any connection is made.
let t: TestApp;
let analyst: { authorization: string };
let admin: { authorization: string };
let server: Server;
let base = '';
let port = 0;
let secretHits = 0;

const targets = () => ({
  loopback: `http://127.0.0.1:${port}/secret`,
  'IPv6 loopback': `http://[::1]:${port}/secret`,
  'IPv4-mapped loopback': `http://[::ffff:127.0.0.1]:${port}/secret`,
});
type Target = keyof ReturnType<typeof targets>;
const cases = Object.keys({ loopback: 0, 'IPv6 loopback': 0, 'IPv4-mapped loopback': 0 }) as Target[];
const redirectTo = (target: Target) => `${base}/redirect?to=${encodeURIComponent(targets()[target])}`;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/secret') {
      secretHits++;
      return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"type":"bundle","objects":[]}');
    }
    if (url.pathname === '/redirect') return void res.writeHead(302, { location: url.searchParams.get('to')! }).end();
    // An MVT index whose one entry redirects to the target named in the query.
    if (url.pathname === '/index.yaml') {
      const to = redirectTo(url.searchParams.get('target') as Target);
      return void res.end(`indicators:\n  - type: download\n    name: hop\n    download_url: "${to}"\n`);
    }
    if (url.pathname === '/direct-index.yaml') {
      return void res.end(`indicators:\n  - type: download\n    name: direct\n    download_url: "${base}/secret"\n`);
    }
    // A TAXII collection whose objects endpoint redirects.
    const taxii = /^\/taxii\/(\d)\/collections\/c\/objects\/$/.exec(url.pathname);
    if (taxii) return void res.writeHead(302, { location: targets()[cases[Number(taxii[1])]!] }).end();
    res.writeHead(404).end();
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

const post = (url: string, payload: object, headers = analyst) =>
  t.app.inject({ method: 'POST', url, headers, payload });

function expectRefused(res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, host: RegExp) {
  expect(res.statusCode).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = res.json() as { code: string; detail: string; url: string };
  expect(problem.code).toBe('outbound_refused');
  expect(problem.detail).toMatch(host);
  expect(problem.detail).toMatch(/\/secret/);
}

const hostOf: Record<Target, RegExp> = {
  loopback: /127\.0\.0\.1 is loopback/,
  'IPv6 loopback': /::1 is loopback/,
  'IPv4-mapped loopback': /IPv4-mapped/,
};

describe('a redirect to a refused address is refused on every fetch path', () => {
  it.each(cases)('intel import from a URL: %s', async (target) => {
    const res = await post('/api/intel/imports/from-url', { url: redirectTo(target) });
    expectRefused(res, hostOf[target]);
  });

  it.each(cases)('MVT index download: %s', async (target) => {
    const res = await post('/api/intel/imports/from-url', {
      url: `${base}/index.yaml?target=${encodeURIComponent(target)}`,
      format: 'mvt-index',
    });
    expect(res.statusCode).toBe(201);
    const report = res.json() as { received: number; rejected: { record: string; reason: string }[] };
    expect(report.received).toBe(0);
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]!.record).toBe('index entry 1 (hop)');
    // The entry's URL was read out of fetched content, so it is never the spared first hop: it is refused
    // itself, before its redirect is even requested.
    expect(report.rejected[0]!.reason).toMatch(/127\.0\.0\.1 is loopback/);
    expect(report.rejected[0]!.reason).toMatch(/refused/);
  });

  it('an MVT index entry naming a private address directly is refused (only the configured URL is a first hop)', async () => {
    const res = await post('/api/intel/imports/from-url', { url: `${base}/direct-index.yaml`, format: 'mvt-index' });
    expect(res.statusCode).toBe(201);
    const report = res.json() as { received: number; rejected: { record: string; reason: string }[] };
    expect(report.received).toBe(0);
    expect(report.rejected.map((r) => r.reason)).toEqual([
      expect.stringMatching(/\/secret refused: 127\.0\.0\.1 is loopback/),
    ]);
  });

  it.each(cases)('TAXII subscription pull: %s', async (target) => {
    const name = `hop-${target.replace(/ /g, '-').toLowerCase()}`;
    const created = await post(
      '/api/share/subscriptions',
      { name, url: `${base}/taxii/${cases.indexOf(target)}/collections/c/` },
      admin,
    );
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as { id: string };
    const res = await post(`/api/share/subscriptions/${id}/pull`, {}, admin);
    expectRefused(res, hostOf[target]);
    const list = await t.app.inject({ method: 'GET', url: '/api/share/subscriptions', headers: admin });
    const row = (list.json() as { subscriptions: { id: string; last_error: string | null }[] }).subscriptions.find(
      (s) => s.id === id,
    );
    expect(row?.last_error).toMatch(hostOf[target]);
  });

  it('never reached the service behind the redirect', () => expect(secretHits).toBe(0));
});

describe('an MVT index cannot name files on the server', () => {
  const index = (urls: string[]) =>
    'indicators:\n' +
    urls.map((u, i) => `  - type: download\n    name: entry-${i}\n    download_url: "${u}"\n`).join('');
  const local = [
    '/etc/passwd',
    '/etc/no-such-file-here',
    'file:///etc/passwd',
    'file:///etc/no-such-file-here',
    '../../etc/passwd',
    'package.json',
    'no-such-file.json',
    `${process.cwd()}/package.json`,
  ];

  it('refuses every non-http(s) download_url with one reason, whether or not the file exists', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/intel/imports?format=mvt-index',
      headers: { ...analyst, 'content-type': 'application/yaml' },
      payload: index(local),
    });
    expect(res.statusCode).toBe(201);
    const report = res.json() as { received: number; rejected: { record: string; reason: string }[] };
    expect(report.received).toBe(0);
    expect(report.rejected).toHaveLength(local.length);
    const reasons = new Set(report.rejected.map((r) => r.reason));
    expect([...reasons]).toEqual(['download_url must be an absolute http or https URL']);
    expect(JSON.stringify(report)).not.toMatch(/root:|no such file|ENOENT|EACCES/i);
  });

  it('refuses the same entries inside an index fetched from a URL', async () => {
    const body = index(local);
    const indexServer = createServer((_req, res) => res.end(body));
    await new Promise<void>((r) => indexServer.listen(0, '127.0.0.1', r));
    try {
      const res = await post('/api/intel/imports/from-url', {
        url: `http://127.0.0.1:${(indexServer.address() as AddressInfo).port}/indicators.yaml`,
      });
      expect(res.statusCode).toBe(201);
      const report = res.json() as { rejected: { reason: string }[] };
      expect(new Set(report.rejected.map((r) => r.reason)).size).toBe(1);
      expect(report.rejected).toHaveLength(local.length);
    } finally {
      indexServer.close();
    }
  });
});
