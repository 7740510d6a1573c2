import { readFileSync } from 'node:fs';
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
  t = await createTestApp([], { ACCORD_LOG_LEVEL: 'info', ACCORD_LOG_FILE: logFile });
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
});
