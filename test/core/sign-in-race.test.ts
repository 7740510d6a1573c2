import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../../src/core/auth/totp.ts';
import { createUser } from '../../src/core/auth/users-service.ts';
import { findUserByUsername } from '../../src/core/auth/users-store.ts';
import { Browser, createTestApp, signedInAs, type TestApp } from '../support/app.ts';

const system = { type: 'system' as const, id: null, label: 'test' };
const PASSWORD = 'a long and honest passphrase';
const MAX = 5;

describe('sign-in failures counted in parallel', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp([], {
      ACCORD_LOGIN_MAX_ATTEMPTS: String(MAX),
      ACCORD_LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    });
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  }, 60_000);
  afterAll(() => t?.close());

  const login = (username: string, password: string) =>
    fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  const wrongInParallel = async (username: string, n: number) =>
    (await Promise.all(Array.from({ length: n }, (_, i) => login(username, `wrong password number ${i}`)))).map(
      (r) => r.status,
    );
  const lockEvents = async (userId: string) =>
    (
      await t.runtime.ctx.db
        .selectFrom('audit_events')
        .select('action')
        .where('object_id', '=', userId)
        .where('action', '=', 'auth.account_locked')
        .execute()
    ).length;

  it('one short of the limit leaves the account open; the limit itself locks it, over HTTP', async () => {
    const { user } = await createUser(t.runtime.ctx, system, { username: 'lena', role: 'analyst', password: PASSWORD });
    expect(await wrongInParallel('lena', MAX - 1)).toEqual(Array(MAX - 1).fill(401));
    expect((await login('lena', PASSWORD)).status).toBe(200);

    // The right password cleared the count: exactly MAX parallel failures are needed, and they are enough.
    expect(await wrongInParallel('lena', MAX)).toEqual(Array(MAX).fill(401));
    const locked = await login('lena', PASSWORD);
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as { code: string }).code).toBe('account_locked');
    expect((await findUserByUsername(t.runtime.ctx.db, 'lena'))!.failed_login_count).toBe(MAX);
    expect(await lockEvents(user.id)).toBe(1);
  });

  it('a burst far beyond the limit locks once', async () => {
    const { user } = await createUser(t.runtime.ctx, system, { username: 'omar', role: 'analyst', password: PASSWORD });
    const statuses = await wrongInParallel('omar', 4 * MAX);
    // Requests that read the account after the lock was set are refused without a password check.
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(MAX);
    expect((await login('omar', PASSWORD)).status).toBe(429);
    expect(await lockEvents(user.id)).toBe(1);
  });

  it('the same TOTP code sent by two sessions at once is accepted once', async () => {
    const { secret, user } = await signedInAs(t, 'admin', 'yara');
    const a = new Browser(t.app);
    const b = new Browser(t.app);
    for (const browser of [a, b]) {
      const res = await browser.post('/api/auth/login', {
        username: user.username,
        password: 'correct horse battery staple',
      });
      expect(res.json()).toMatchObject({ status: 'totp_required' });
    }
    // The enrolment spent the current step; the next one is within the accepted drift.
    const code = currentTotp(secret!, Date.now() + 30_000);
    const results = await Promise.all([a, b].map((browser) => browser.post('/api/auth/totp/verify', { code })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);
  });
});
