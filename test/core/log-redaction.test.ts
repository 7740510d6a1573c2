import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signedInAs, tokenFor, type TestApp } from '../support/app.ts';
import { tempDir } from '../support/config.ts';

const logFile = join(tempDir('accord-log-'), 'accord.log');
const EMAIL = 'alice.target@example.org';
const PHONE = '+41791234567';
const NAME = 'Zeynep Kaya-Oberholzer';

let t: TestApp;
let admin: { authorization: string };

beforeAll(async () => {
  // Private first hops are allowed so that a fetch to a closed loopback port fails as a remote would (502).
  t = await createTestApp([], {
    ACCORD_LOG_LEVEL: 'info',
    ACCORD_LOG_FILE: logFile,
    ACCORD_OUTBOUND_ALLOW_PRIVATE_FIRST_HOP: 'true',
  });
  admin = await tokenFor(t, 'admin');
});
afterAll(() => t.close());

const flushed = () =>
  new Promise<string>((resolve, reject) =>
    t.runtime.ctx.log.flush((error?: Error) => (error ? reject(error) : resolve(readFileSync(logFile, 'utf8')))),
  );

describe('the request log', () => {
  it('holds no identifier a caller searched for, in a query, a body or an unmatched path', async () => {
    const { browser } = await signedInAs(t, 'admin');
    const headers = admin;
    await t.app.inject({ method: 'GET', url: `/api/intel/search?value=${encodeURIComponent(EMAIL)}`, headers });
    await t.app.inject({ method: 'GET', url: `/api/intel/search?value=${encodeURIComponent(PHONE)}`, headers });
    await t.app.inject({ method: 'GET', url: `/api/audit?object_id=${encodeURIComponent(EMAIL)}`, headers });
    await t.app.inject({ method: 'POST', url: '/api/screening/screen', headers, payload: { name: NAME } });
    await t.app.inject({ method: 'GET', url: `/api/nothing/${encodeURIComponent(EMAIL)}?q=${PHONE}`, headers });
    await t.app.inject({ method: 'GET', url: `/api/intel/search?value=${encodeURIComponent(EMAIL)}%00`, headers });
    await browser.get(`/api/intel/search?value=${encodeURIComponent(EMAIL)}`);
    await t.app.inject({ method: 'GET', url: `/taxii2/api1/collections/${encodeURIComponent(EMAIL)}/`, headers });
    const log = await flushed();
    expect(log).toContain('incoming request');
    for (const secret of [EMAIL, encodeURIComponent(EMAIL), PHONE, encodeURIComponent(PHONE), 'Zeynep', 'Kaya']) {
      expect(log, secret).not.toContain(secret);
    }
  });

  it('names the route pattern and marks a query string as redacted', async () => {
    await t.app.inject({ method: 'GET', url: `/api/intel/search?value=${encodeURIComponent(EMAIL)}`, headers: admin });
    const lines = (await flushed())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string; req?: { url: string } });
    expect(lines.filter((l) => l.msg === 'incoming request').map((l) => l.req?.url)).toContain(
      '/api/intel/search?[redacted]',
    );
    // A path that matched no route is not written as sent either.
    expect(lines.some((l) => l.req?.url.includes('/api/nothing'))).toBe(false);
  });

  it('writes a failed or refused outbound fetch without the query, credentials or a stack', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    server.close(); // a closed port: the fetch fails as an unreachable feed would
    await once(server, 'close');
    const KEY = 'feedkey-6b1d0c';
    const urls = {
      failed: `http://user:${KEY}@127.0.0.1:${port}/feed.json?key=${KEY}&who=${encodeURIComponent(EMAIL)}#${PHONE}`,
      refused: `http://10.0.0.1/x?key=${KEY}&who=${encodeURIComponent(EMAIL)}`,
    };
    const failed = await t.app.inject({
      method: 'POST',
      url: '/api/intel/imports/from-url',
      headers: admin,
      payload: { url: urls.failed.replace(`user:${KEY}@`, '') },
    });
    expect(failed.statusCode).toBe(502);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/intel/imports/from-url',
      headers: admin,
      payload: { url: urls.refused },
    });
    // The first hop may be private, so this one is also tried and fails; a credentialed URL is refused outright.
    const credentialed = await t.app.inject({
      method: 'POST',
      url: '/api/intel/imports/from-url',
      headers: admin,
      payload: { url: urls.failed },
    });
    expect(credentialed.statusCode).toBe(400);
    for (const res of [failed, refused, credentialed]) {
      const problem = res.json() as { detail: string; url?: string };
      expect(problem.detail).toMatch(/127\.0\.0\.1|10\.0\.0\.1/);
      for (const secret of [KEY, EMAIL, encodeURIComponent(EMAIL), PHONE]) {
        expect(problem.detail, secret).not.toContain(secret);
        expect(problem.url ?? '', secret).not.toContain(secret);
      }
    }
    const log = await flushed();
    for (const secret of [KEY, EMAIL, encodeURIComponent(EMAIL), PHONE]) expect(log, secret).not.toContain(secret);
    const lines = log
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { level: number; code?: string; err?: unknown });
    const outbound = lines.filter((l) => l.code === 'outbound_failed');
    expect(outbound.length).toBeGreaterThan(0);
    // A remote's failure is a warning (40) without a stack, not an error of ours.
    for (const line of outbound) {
      expect(line.level).toBe(40);
      expect(line.err).toBeUndefined();
    }
  }, 60_000);
});
