import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/core/auth/api-tokens-service.ts';
import { createUser, resetUserSetup, setUserDisabled } from '../../src/core/auth/users-service.ts';
import { findUserById } from '../../src/core/auth/users-store.ts';
import { Browser, createTestApp, setUpFromLink, signedInAs, type TestApp } from '../support/app.ts';

const system = { type: 'system' as const, id: null, label: 'test' };
const PASSWORD = 'correct horse battery staple';

describe('an administrator resets an account', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp([], { ACCORD_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  }, 60_000);
  afterAll(() => t?.close());

  const tokenOf = async (userId: string) => {
    const owner = await findUserById(t.runtime.ctx.db, userId);
    const { token } = await createApiToken(t.runtime.ctx, system, owner!, { name: 'laptop', scopes: [] });
    return { authorization: `Bearer ${token}` };
  };
  const me = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers });

  it('refuses the old password and ends every session and token, in one audited step', async () => {
    const { browser, user } = await signedInAs(t, 'analyst', 'sofia');
    const token = await tokenOf(user.id);
    expect((await browser.get('/api/auth/me')).statusCode).toBe(200);
    expect((await me(token)).statusCode).toBe(200);

    const admin = await signedInAs(t, 'admin', 'ada');
    const reset = await admin.browser.post(`/api/users/${user.id}/reset`, { reset_totp: false });
    expect(reset.statusCode).toBe(200);

    expect(
      (await new Browser(t.app).post('/api/auth/login', { username: 'sofia', password: PASSWORD })).statusCode,
    ).toBe(401);
    expect((await browser.get('/api/auth/me')).statusCode).toBe(401);
    expect((await me(token)).statusCode).toBe(401);
    const event = await t.runtime.ctx.db
      .selectFrom('audit_events')
      .select('details')
      .where('object_id', '=', user.id)
      .where('action', '=', 'user.setup_reset')
      .executeTakeFirstOrThrow();
    expect(event.details).toMatchObject({ password_removed: true, sessions_ended: 1, tokens_revoked: 1 });

    // The link still works for the real user.
    const link = (reset.json() as { setup_token: string }).setup_token;
    const setup = await new Browser(t.app).post('/api/auth/setup', { token: link, password: 'a brand new passphrase' });
    expect(setup.statusCode).toBe(200);
  });

  it('a stolen password cannot be used to enrol a second factor after a reset of the lost one', async () => {
    const victim = await signedInAs(t, 'admin', 'noor');
    const setupToken = await resetUserSetup(t.runtime.ctx, system, victim.user.id, { resetTotp: true });

    // The thief knows the old password and races the real user to the setup step.
    const thief = new Browser(t.app);
    const login = await thief.post('/api/auth/login', { username: 'noor', password: PASSWORD });
    expect(login.statusCode).toBe(401);
    expect((await thief.post('/api/auth/totp/enrol')).statusCode).toBe(401);

    const real = await setUpFromLink(t, setupToken);
    expect((await real.browser.get('/api/users')).statusCode).toBe(200);
  });

  it('disabling a user revokes their tokens for good', async () => {
    const { user } = await createUser(t.runtime.ctx, system, { username: 'ivo', role: 'analyst', password: PASSWORD });
    const token = await tokenOf(user.id);
    expect((await me(token)).statusCode).toBe(200);
    await setUserDisabled(t.runtime.ctx, system, user.id, true);
    expect((await me(token)).statusCode).toBe(401);
    await setUserDisabled(t.runtime.ctx, system, user.id, false);
    expect((await me(token)).statusCode).toBe(401);
    const tokens = await t.runtime.ctx.db
      .selectFrom('api_tokens')
      .select('revoked_at')
      .where('user_id', '=', user.id)
      .execute();
    expect(tokens.every((r) => r.revoked_at !== null)).toBe(true);
  });
});
