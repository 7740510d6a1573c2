import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByUsername } from '../../src/core/auth/users-store.ts';
import { currentTotp } from '../../src/core/auth/totp.ts';
import { createUser } from '../../src/core/auth/users-service.ts';
import { Browser, createTestApp, signedInAs, type TestApp } from '../support/app.ts';

const system = { type: 'system' as const, id: null, label: 'test' };
const PASSWORD = 'a long and honest passphrase';

describe('sign-in abuse', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp([], { ACCORD_LOGIN_MAX_ATTEMPTS: '3', ACCORD_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  }, 60_000);
  afterAll(() => t?.close());

  it('an unknown user and a wrong password get the same answer', async () => {
    await createUser(t.runtime.ctx, system, { username: 'rosa', role: 'analyst', password: PASSWORD });
    const unknown = await new Browser(t.app).post('/api/auth/login', { username: 'nobody', password: 'x'.repeat(12) });
    const wrong = await new Browser(t.app).post('/api/auth/login', { username: 'rosa', password: 'x'.repeat(12) });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().detail).toBe(wrong.json().detail);
  });

  it('locks the account after the configured number of failures, even for the right password', async () => {
    await createUser(t.runtime.ctx, system, { username: 'mateo', role: 'analyst', password: PASSWORD });
    for (let i = 0; i < 3; i++)
      await new Browser(t.app).post('/api/auth/login', { username: 'mateo', password: 'wrong-password-123' });
    const locked = await new Browser(t.app).post('/api/auth/login', { username: 'mateo', password: PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBeDefined();
    expect(locked.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(locked.json().code).toBe('account_locked');
  });

  it('admins must pass TOTP before using the API; a code cannot be replayed', async () => {
    const { browser, secret } = await signedInAs(t, 'admin', 'ines');
    expect((await browser.get('/api/users')).statusCode).toBe(200);
    await browser.post('/api/auth/logout');

    const again = new Browser(t.app);
    const login = await again.post('/api/auth/login', { username: 'ines', password: 'correct horse battery staple' });
    expect(login.json().status).toBe('totp_required');
    const blocked = await again.get('/api/users');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('mfa_required');
    const wrongCode = await again.post('/api/auth/totp/verify', { code: '000000' });
    expect(wrongCode.statusCode).toBe(401);
    // The code used at enrolment is spent. It is recomputed for the step recorded then: the clock may have moved
    // to the next 30-second step since, and a fresh code would rightly be accepted.
    const ines = await findUserByUsername(t.runtime.ctx.db, 'ines');
    const enrolmentStep = Number(ines!.totp_last_step);
    const replay = await again.post('/api/auth/totp/verify', { code: currentTotp(secret!, enrolmentStep * 30_000) });
    expect(replay.statusCode).toBe(401);
  });
});

describe('sign-in rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp([], { ACCORD_LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
  }, 60_000);
  afterAll(() => t?.close());

  it('answers 429 problem+json once a client exceeds the limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await new Browser(t.app).post('/api/auth/login', { username: 'nobody', password: 'x'.repeat(12) });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.headers['retry-after']).toBeDefined();
      }
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
  });
});
