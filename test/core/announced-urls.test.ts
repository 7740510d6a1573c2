import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/core/auth/users-service.ts';
import { loadConfig } from '../../src/core/config/index.ts';
import { noticeVerifyUrl, publicBaseUrl, publicLink } from '../../src/core/http/public-url.ts';
import { PAGE_CSP } from '../../src/core/http/security-headers.ts';
import { createTestApp, signedInAs, type TestApp } from '../support/app.ts';
import { TAXII, taxiiUser } from '../share/setup.ts';

const PUBLIC = 'http://accord.example:8080';
// What a client may say about where it thinks it is; none of it may reach a URL Accord announces.
const hostile = {
  host: 'evil.example',
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'https',
  forwarded: 'host=evil.example;proto=https',
};

let t: TestApp;
beforeAll(async () => {
  // A trusted proxy makes Fastify believe X-Forwarded-Host: the announced URLs must not follow it either.
  t = await createTestApp([], { ACCORD_PUBLIC_URL: `${PUBLIC}/`, ACCORD_TRUST_PROXY: 'true' });
});
afterAll(() => t?.close());

describe('URLs Accord announces come from its configuration, never from the request', () => {
  it('TAXII discovery names the API root under ACCORD_PUBLIC_URL whatever Host and X-Forwarded-* say', async () => {
    const peer = await taxiiUser(t);
    for (const headers of [{}, hostile]) {
      const res = await t.app.inject({ method: 'GET', url: '/taxii2/', headers: { ...peer.bearer, ...headers } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(TAXII);
      expect(res.json()).toMatchObject({
        default: `${PUBLIC}/taxii2/api1/`,
        api_roots: [`${PUBLIC}/taxii2/api1/`],
      });
      expect(res.body).not.toContain('evil.example');
    }
  });

  it('a new user’s setup link, and a reset one, are under ACCORD_PUBLIC_URL', async () => {
    const admin = await signedInAs(t, 'admin');
    const created = await admin.browser.request({
      method: 'POST',
      url: '/api/users',
      headers: hostile,
      payload: { username: 'invited-by-link', role: 'analyst' },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().setup_url).toMatch(new RegExp(`^${PUBLIC}/setup#token=`));
    const reset = await admin.browser.request({
      method: 'POST',
      url: `/api/users/${created.json().user.id}/reset`,
      headers: hostile,
      payload: {},
    });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json().setup_url).toMatch(new RegExp(`^${PUBLIC}/setup#token=`));
  });

  it('the sample of a notice states the verify URL that delivered notices carry', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/security-warning?lang=en', headers: hostile });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(noticeVerifyUrl(t.runtime.ctx.config));
    expect(noticeVerifyUrl(t.runtime.ctx.config)).toBe(`${PUBLIC}/security-warning`);
    expect(res.body).not.toContain('evil.example');
  });

  it('without ACCORD_PUBLIC_URL, the configured listen address: https under TLS, IPv6 in brackets, wildcards as localhost', () => {
    const tls = { ACCORD_TLS_CERT_FILE: '/c.pem', ACCORD_TLS_KEY_FILE: '/k.pem' };
    expect(publicBaseUrl(loadConfig({ ACCORD_HOST: 'accord.internal', ACCORD_PORT: '8080' }))).toBe(
      'http://accord.internal:8080',
    );
    expect(publicBaseUrl(loadConfig({ ACCORD_HOST: '::1', ACCORD_PORT: '8443', ...tls }))).toBe('https://[::1]:8443');
    expect(publicBaseUrl(loadConfig({ ACCORD_HOST: '0.0.0.0', ACCORD_PORT: '443', ...tls }))).toBe('https://localhost');
    expect(publicLink(loadConfig({ ACCORD_PUBLIC_URL: 'https://x.example/accord/' }), '/setup')).toBe(
      'https://x.example/accord/setup',
    );
    expect(noticeVerifyUrl(loadConfig({ ACCORD_NOTIFY_VERIFY_URL: 'https://mail.example/notices' }))).toBe(
      'https://mail.example/notices',
    );
  });
});

describe('security headers on every answer', () => {
  it('public pages and the console send no referrer, as the operations guide says', async () => {
    for (const url of ['/', '/actors', '/transparency', '/security-warning', '/api/docs/', '/healthz']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
    }
  });

  it('the API docs and their assets carry the page CSP, frame-ancestors included', async () => {
    for (const url of ['/api/docs/', '/api/docs/static/swagger-ui-bundle.js', '/api/docs/static/swagger-ui.css']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-security-policy'], url).toBe(PAGE_CSP);
      expect(res.headers['x-frame-options'], url).toBe('DENY');
    }
  });

  it('data, errors and redirects carry a CSP that runs and loads nothing', async () => {
    for (const url of ['/api/openapi.json', '/healthz', '/api/no-such-thing', '/api/users', '/taxii2']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(String(res.headers['content-security-policy']), url).toMatch(
        /^default-src 'none'; frame-ancestors 'none'/,
      );
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
    }
  });

  it('HSTS and Secure cookies over HTTPS through the trusted proxy, and neither over plain HTTP', async () => {
    const password = 'correct horse battery staple';
    await createUser(
      t.runtime.ctx,
      { type: 'system', id: null, label: 'test' },
      { username: 'cookie-analyst', role: 'analyst', password },
    );
    const login = (headers: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers,
        payload: { username: 'cookie-analyst', password },
      });
    const plain = await login({});
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    expect(String(plain.headers['set-cookie'])).not.toMatch(/;\s*Secure/i);
    const proxied = await login({ 'x-forwarded-proto': 'https' });
    expect(proxied.statusCode).toBe(200);
    expect(proxied.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(String(proxied.headers['set-cookie'])).toMatch(/;\s*Secure/i);
  });
});
