import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPermission } from '../../src/core/auth/permissions.ts';
import { buildApp } from '../../src/core/http/app.ts';
import { modules } from '../../src/modules.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Fills path parameters with values that pass validation, so the access check is what answers. */
function concrete(url: string): string {
  return url.replace(/:([A-Za-z_]+)/g, (_, name: string) =>
    name === 'id' || name.endsWith('_id') ? '00000000-0000-4000-8000-000000000000' : 'x',
  );
}

describe('deny by default', () => {
  it('every route declares a known permission', () => {
    expect(t.routes.length).toBeGreaterThan(10);
    for (const route of t.routes) expect(isPermission(route.permission), `${route.method} ${route.url}`).toBe(true);
  });

  it('a route without a declared permission stops the app from starting', async () => {
    const undeclared = {
      name: 'undeclared',
      routes: (app: TestApp['app']) =>
        void app.get('/api/undeclared', { schema: { response: { 200: Type.Object({}) } } }, async () => ({})),
    };
    await expect(buildApp(t.runtime.ctx, [...modules, undeclared])).rejects.toThrow(
      /GET \/api\/undeclared declares no valid permission/,
    );
  });

  it('every non-public route refuses an anonymous caller with 401', async () => {
    const guarded = t.routes.filter((r) => r.permission !== 'public' && r.method !== 'HEAD');
    expect(guarded.length).toBeGreaterThan(5);
    for (const route of guarded) {
      const res = await t.app.inject({
        method: route.method as 'GET',
        url: concrete(route.url),
        payload: route.method === 'GET' ? undefined : {},
      });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it('public routes are only the ones meant to be', () => {
    const pub = t.routes.filter((r) => r.permission === 'public');
    // Nothing changes state without signing in, but signing in itself.
    expect(
      pub
        .filter((r) => !['GET', 'HEAD'].includes(r.method))
        .map((r) => `${r.method} ${r.url}`)
        .sort(),
    ).toEqual(['POST /api/auth/login', 'POST /api/auth/setup', 'POST /api/auth/setup/totp']);
    // Under /api/ only the published resources (/api/public/...), the API description and health checks are open.
    const api = pub
      .filter((r) => r.url.startsWith('/api/') && r.method === 'GET')
      .map((r) => r.url)
      .filter((url) => !url.startsWith('/api/public/') && !url.startsWith('/api/docs'));
    expect(api.sort()).toEqual(['/api/openapi.json']);
    expect(pub.some((r) => r.url.startsWith('/api/public/'))).toBe(true);
    // The rest are the pages: the public site and the console's shell (its data needs a signed-in caller).
    const pages = pub.filter((r) => !r.url.startsWith('/api/') && r.method === 'GET').map((r) => r.url);
    expect(pages.sort()).toEqual(
      [
        '/',
        '/actors',
        '/actors/:id',
        '/console',
        '/console/*',
        '/healthz',
        '/portal',
        '/portal/*',
        '/readyz',
        '/security-warning',
        '/setup',
        '/site/site.css',
        '/site/transparency.js',
        '/site/vendor/chart.umd.js',
        '/transparency',
        '/ui/*',
      ].sort(),
    );
  });
});
