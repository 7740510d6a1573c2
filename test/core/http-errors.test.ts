import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/core/auth/api-tokens-service.ts';
import { getUser } from '../../src/core/auth/users-service.ts';
import { createTestApp, signedInAs, type TestApp } from '../support/app.ts';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedInAs>>;
const system = { type: 'system' as const, id: null, label: 'test' };

beforeAll(async () => {
  t = await createTestApp([], { ACCORD_BODY_LIMIT_BYTES: '4096' });
  admin = await signedInAs(t, 'admin');
});
afterAll(() => t.close());

function expectProblem(
  res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown },
  status: number,
  code: string,
) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = res.json() as Record<string, unknown>;
  expect(body).toMatchObject({ status, code, type: `urn:accord:problem:${code}` });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  expect(body.request_id).toBe(res.headers['x-request-id']);
  return body;
}

describe('bad input gets a 4xx problem+json, never a 500', () => {
  it('malformed JSON', async () => {
    const res = await admin.browser.request({
      method: 'POST',
      url: '/api/users',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expectProblem(res, 400, 'malformed_json');
  });

  it('wrong types are not coerced', async () => {
    const res = await admin.browser.post('/api/users', { username: 12345, role: 'analyst' });
    const body = expectProblem(res, 400, 'validation_failed');
    expect(body.errors).toEqual([expect.objectContaining({ location: 'body/username' })]);
  });

  it('unknown fields are refused, not dropped', async () => {
    const res = await admin.browser.post('/api/users', { username: 'valid-name', role: 'analyst', is_superuser: true });
    const body = expectProblem(res, 400, 'validation_failed');
    expect(body.detail).toContain("unknown field 'is_superuser'");
  });

  it('an unknown role', async () => {
    expectProblem(
      await admin.browser.post('/api/users', { username: 'valid-name', role: 'root' }),
      400,
      'validation_failed',
    );
  });

  it('oversized bodies', async () => {
    const res = await admin.browser.post('/api/users', { username: 'x'.repeat(10_000), role: 'analyst' });
    expectProblem(res, 413, 'payload_too_large');
  });

  it('a wrong content type', async () => {
    const res = await admin.browser.request({
      method: 'POST',
      url: '/api/users',
      headers: { 'content-type': 'application/xml' },
      payload: '<user/>',
    });
    expectProblem(res, 415, 'unsupported_media_type');
  });

  it('prototype poisoning in JSON', async () => {
    const res = await admin.browser.request({
      method: 'POST',
      url: '/api/users',
      headers: { 'content-type': 'application/json' },
      payload: '{"__proto__": {"role": "admin"}, "username": "abc", "role": "peer"}',
    });
    expect(res.statusCode).toBe(400);
    expect(String(res.headers['content-type'])).toMatch(/problem\+json/);
  });

  it('missing authentication', async () => {
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/users' }), 401, 'unauthenticated');
  });

  it('a garbage bearer token', async () => {
    expectProblem(
      await t.app.inject({ method: 'GET', url: '/api/users', headers: { authorization: 'Bearer nope' } }),
      401,
      'invalid_token',
    );
  });

  it('an unsupported authorization scheme', async () => {
    expectProblem(
      await t.app.inject({ method: 'GET', url: '/api/users', headers: { authorization: 'Digest x' } }),
      401,
      'invalid_token',
    );
  });

  it('the wrong role', async () => {
    const analyst = await signedInAs(t, 'analyst');
    const body = expectProblem(await analyst.browser.get('/api/audit'), 403, 'forbidden');
    expect(body.detail).toContain("'audit:read'");
  });

  it('an expired token', async () => {
    const owner = await getUser(t.runtime.ctx, admin.user.id);
    const { id, token } = await createApiToken(t.runtime.ctx, system, owner, { name: 'short', scopes: [] });
    await t.runtime.ctx.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    const body = expectProblem(
      await t.app.inject({ method: 'GET', url: '/api/users', headers: { authorization: `Bearer ${token}` } }),
      401,
      'invalid_token',
    );
    expect(body.detail).toContain('expired');
  });

  it('a form post without the CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin.browser.cookie!, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'username=evil&role=admin',
    });
    expectProblem(res, 403, 'csrf_failed');
  });

  it('a JSON post with a wrong CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin.browser.cookie!, 'x-csrf-token': 'forged' },
      payload: { username: 'evil', role: 'admin' },
    });
    expectProblem(res, 403, 'csrf_failed');
  });

  it('an unknown route', async () => {
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/nothing-here' }), 404, 'not_found');
  });

  it('a malformed path parameter', async () => {
    expectProblem(await admin.browser.get('/api/users/not-a-uuid'), 400, 'validation_failed');
  });

  it('a bad query parameter', async () => {
    expectProblem(await admin.browser.get('/api/audit?limit=100000'), 400, 'validation_failed');
    expectProblem(await admin.browser.get('/api/audit?surprise=1'), 400, 'validation_failed');
  });

  it('echoes a well-formed request id and replaces a malformed one', async () => {
    const mine = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(mine.headers['x-request-id']).toBe('abc-123');
    const bad = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'a b\u0000c' } });
    expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI document and the docs UI', async () => {
    const doc = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(doc.statusCode).toBe(200);
    const spec = doc.json() as { openapi: string; paths: Record<string, unknown> };
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/users', '/api/audit']));
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });
});
