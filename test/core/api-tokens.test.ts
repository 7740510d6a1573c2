import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { revokeToken } from '../../src/core/auth/api-tokens-service.ts';
import { parseApiToken } from '../../src/core/auth/tokens.ts';
import { createTestApp, tokenFor, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(() => t?.close());

const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });

it('a scoped token reaches only what its scope names, and never more than its owner role', async () => {
  const readOnly = await tokenFor(t, 'analyst', ['intel:read']);
  expect((await get('/api/intel/actors', readOnly)).statusCode).toBe(200);
  const refused = await get('/api/detections', readOnly);
  expect(refused.statusCode).toBe(403);
  expect(refused.json().code).toBe('forbidden');
  await expect(tokenFor(t, 'peer', ['intel:read'])).rejects.toThrow(/does not have 'intel:read'/);
});

it('is stored only as a hash and refused at once when revoked', async () => {
  const headers = await tokenFor(t, 'analyst');
  // The secret is base64url and may itself hold '_': take the parts the way the server does.
  const { id, secret } = parseApiToken(headers.authorization.replace('Bearer ', ''))!;
  const stored = await sql<{ secret_hash: string }>`select secret_hash from api_tokens where id = ${id}`.execute(
    t.runtime.ctx.db,
  );
  expect(stored.rows[0]!.secret_hash).toMatch(/^\$argon2id\$/);
  expect(stored.rows[0]!.secret_hash).not.toContain(secret);
  expect((await get('/api/intel/actors', headers)).statusCode).toBe(200);
  await revokeToken(t.runtime.ctx, { type: 'system', id: null, label: 'test' }, id);
  const after = await get('/api/intel/actors', headers);
  expect(after.statusCode).toBe(401);
  expect(after.json().code).toBe('invalid_token');
});

it('HTTP Basic carrying a token works for machine clients (TAXII)', async () => {
  const headers = (await tokenFor(t, 'analyst', ['intel:read'])) as { authorization: string; username: string };
  const secret = headers.authorization.replace('Bearer ', '');
  const basic = (user: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}` });
  expect((await get('/api/intel/actors', basic(headers.username))).statusCode).toBe(200);
  // The user name must be the token's owner: a leaked token cannot be presented under another name.
  expect((await get('/api/intel/actors', basic('someone-else'))).statusCode).toBe(401);
});
