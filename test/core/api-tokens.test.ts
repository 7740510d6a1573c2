import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit/index.ts';
import { createApiToken, revokeToken } from '../../src/core/auth/api-tokens-service.ts';
import { parseApiToken } from '../../src/core/auth/tokens.ts';
import { createUser } from '../../src/core/auth/users-service.ts';
import { findUserById, updateUser } from '../../src/core/auth/users-store.ts';
import { createTestApp, PASSWORD, signedInAs, tokenFor, type TestApp } from '../support/app.ts';
import { enrolSecondFactor } from '../support/second-factor.ts';

const system = systemActor('test');

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

it('an admin cannot mint a token for a colleague whose role needs a second factor they have not enrolled', async () => {
  const admin = await signedInAs(t, 'admin');
  for (const role of ['legal_reviewer', 'admin'] as const) {
    const { user } = await createUser(t.runtime.ctx, system, { username: `no-totp-${role}`, role, password: PASSWORD });
    const res = await admin.browser.post('/api/tokens', { name: 'automation', user_id: user.id });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().detail).toMatch(/must enrol a second factor/);
    // The CLI path goes through the same rule.
    await expect(
      createApiToken(t.runtime.ctx, system, (await findUserById(t.runtime.ctx.db, user.id))!, {
        name: 'cli',
        scopes: [],
      }),
    ).rejects.toThrow(/must enrol a second factor/);
    // Once enrolled, the token is issued.
    await enrolSecondFactor(t.runtime.ctx, user.id);
    expect((await admin.browser.post('/api/tokens', { name: 'automation', user_id: user.id })).statusCode).toBe(201);
  }
});

it("a token stops working when its owner's second factor is reset", async () => {
  const headers = await tokenFor(t, 'legal_reviewer');
  expect((await get('/api/lawful/requests', headers)).statusCode).toBe(200);
  const { id } = parseApiToken(headers.authorization.replace('Bearer ', ''))!;
  const owner = await sql<{ user_id: string }>`select user_id from api_tokens where id = ${id}`.execute(
    t.runtime.ctx.db,
  );
  // Bypassing the reset service (which also revokes tokens): the check at use must hold on its own.
  await updateUser(t.runtime.ctx.db, owner.rows[0]!.user_id, { totp_enabled_at: null, totp_secret: null });
  expect((await get('/api/lawful/requests', headers)).statusCode).toBe(401);
});
