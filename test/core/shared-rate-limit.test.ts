import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/core/auth/users-service.ts';
import { hitRateCounter, sweepRateCounters } from '../../src/core/http/rate-counters-store.ts';
import { Browser, createTestApp, signedInAs, type TestApp } from '../support/app.ts';

const system = { type: 'system' as const, id: null, label: 'test' };
const PASSWORD = 'a long and honest passphrase';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the shared rate counter', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp([], { ACCORD_LOGIN_RATE_LIMIT_PER_MINUTE: '4' });
  }, 60_000);
  afterAll(() => t?.close());
  const db = () => t.runtime.ctx.db;

  it('counts parallel hits atomically: every hit gets its own number', async () => {
    const counts = await Promise.all(Array.from({ length: 40 }, () => hitRateCounter(db(), 'parallel', 60_000)));
    expect(counts.map((c) => c.hits).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    for (const c of counts) expect(c.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    for (const c of counts) expect(c.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('starts a window again at 1 once it has run out, and sweeps ended windows', async () => {
    await hitRateCounter(db(), 'short', 200);
    expect((await hitRateCounter(db(), 'short', 200)).hits).toBe(2);
    await sleep(300);
    expect((await hitRateCounter(db(), 'short', 200)).hits).toBe(1);
    await sleep(300);
    expect(await sweepRateCounters(db())).toBeGreaterThanOrEqual(1);
    const left = await db().selectFrom('rate_counters').select('key').execute();
    expect(left.map((r) => r.key)).toEqual(['parallel']);
  });

  it('keeps no IP address or route in the table, only keyed hashes', async () => {
    for (let i = 0; i < 2; i++)
      await new Browser(t.app).post('/api/auth/login', { username: 'nobody', password: 'x'.repeat(12) });
    const rows = await db().selectFrom('rate_counters').selectAll().execute();
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain('127.0.0.1');
    expect(dump).not.toContain('/api/auth');
    expect(rows.some((r) => r.hits === 2)).toBe(true);
  });

  it('parallel sign-ins beyond the budget are refused with a 429 problem and Retry-After', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        new Browser(t.app).post('/api/auth/setup', { token: 'x'.repeat(20), password: PASSWORD }),
      ),
    );
    // The setup route has a budget of its own (the key is route and IP): 4 pass, whichever arrive first.
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429, 429, 429]);
    const refused = answers.find((a) => a.statusCode === 429)!;
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.json().code).toBe('too_many_requests');
  });
});

describe('the TOTP step', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The account lock is set out of reach: this measures the rate limit alone.
    t = await createTestApp([], { ACCORD_LOGIN_RATE_LIMIT_PER_MINUTE: '4', ACCORD_LOGIN_MAX_ATTEMPTS: '100' });
  }, 60_000);
  afterAll(() => t?.close());

  it('has a shared budget of its own: code guesses beyond it are refused before they are checked', async () => {
    const { password, user } = await signedInAs(t, 'admin', 'yara');
    const browser = new Browser(t.app);
    expect((await browser.post('/api/auth/login', { username: user.username, password })).json().status).toBe(
      'totp_required',
    );
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await browser.post('/api/auth/totp/verify', { code: '000000' })).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });
});

describe('expired sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp([], { ACCORD_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  }, 60_000);
  afterAll(() => t?.close());

  it('are swept when someone signs in; live ones stay', async () => {
    const db = t.runtime.ctx.db;
    await createUser(t.runtime.ctx, system, { username: 'lena', role: 'analyst', password: PASSWORD });
    const signIn = () => new Browser(t.app).post('/api/auth/login', { username: 'lena', password: PASSWORD });
    expect((await signIn()).statusCode).toBe(200);
    expect((await signIn()).statusCode).toBe(200);
    const [old] = await db.selectFrom('sessions').select('id').limit(1).execute();
    await db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', old!.id)
      .execute();
    expect((await signIn()).statusCode).toBe(200);
    const ids = (await db.selectFrom('sessions').select('id').execute()).map((r) => r.id);
    expect(ids).toHaveLength(2);
    expect(ids).not.toContain(old!.id);
  });
});
