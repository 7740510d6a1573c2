/**
 * Attack class 9: taking an officer's account over before its second factor exists. The attacker has the password
 * (phished, guessed, read over a shoulder) but not the one-time setup link. Over HTTP, real database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../../src/core/audit/index.ts';
import { currentTotp } from '../../../src/core/auth/totp.ts';
import { createUser } from '../../../src/core/auth/users-service.ts';
import { newAgency, PASSWORD, startTarget, subpoena, type Headers, type Target } from '../attacker.ts';

let t: Target;
let admin: Headers;
let agency: string;

beforeAll(async () => {
  t = await startTarget();
  admin = await t.staff('admin');
  agency = await newAgency(t, admin, 'Setup Police', ['setup-police.gov']);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

async function invite(username: string) {
  const r = await t.call('POST', `/api/lawful/agencies/${agency}/officers`, admin, {
    username,
    email: `${username}@setup-police.gov`,
  });
  expect(r.status).toBe(201);
  const link = r.body.setup_link as string;
  return link.slice(link.indexOf('#token=') + 7);
}

/** The attacker: signs in with the password and tries every way to a usable session. */
async function attackerWithPassword(username: string) {
  const browser = new t.HttpBrowser();
  const login = await browser.post('/api/auth/login', { username, password: PASSWORD });
  const enrol = login.status === 200 ? await browser.post('/api/auth/totp/enrol') : undefined;
  const submit = await t.call('POST', '/api/lawful/portal/requests', browser.headers, subpoena(['x@example.org']));
  const list = await t.call('GET', '/api/lawful/portal/requests', browser.headers);
  return {
    login: login.status,
    status: login.body.status,
    enrol: enrol?.status,
    submit: submit.status,
    list: list.status,
  };
}

describe('9. officer take-over before the second factor', () => {
  it('before the link is redeemed the password leads nowhere: there is no password to sign in with', async () => {
    await invite('officer-early');
    const a = await attackerWithPassword('officer-early');
    expect(a.login).toBe(401);
    expect(a.submit).toBeGreaterThanOrEqual(401);
    expect(a.submit).toBeLessThan(500);
    expect(a.list).toBeGreaterThanOrEqual(401);
  });

  it('the link refuses a password without a valid code, and stores nothing', async () => {
    const token = await invite('officer-partial');
    const browser = new t.HttpBrowser();
    const noCode = await browser.post('/api/auth/setup', { token, password: PASSWORD });
    expect(noCode.status).toBe(400);
    expect(noCode.body.type).toBeDefined();
    const wrongCode = await browser.post('/api/auth/setup', { token, password: PASSWORD, code: '000000' });
    expect(wrongCode.status).toBe(400);
    // Nothing was stored: the password does not sign in, so the attacker cannot enrol their own authenticator.
    const a = await attackerWithPassword('officer-partial');
    expect(a.login).toBe(401);
    // The link still works for its real holder, who enrols with the password in one step.
    const shown = await browser.post('/api/auth/setup/totp', { token });
    const done = await browser.post('/api/auth/setup', {
      token,
      password: PASSWORD,
      code: currentTotp(shown.body.secret as string),
    });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('signed_in');
  });

  it('after the link is redeemed the password alone needs the officer’s factor and cannot enrol another', async () => {
    const token = await invite('officer-late');
    const real = new t.HttpBrowser();
    const shown = await real.post('/api/auth/setup/totp', { token });
    expect(shown.status).toBe(200);
    await real.post('/api/auth/setup', { token, password: PASSWORD, code: currentTotp(shown.body.secret as string) });
    const a = await attackerWithPassword('officer-late');
    expect(a.status).toBe('totp_required');
    expect(a.enrol).toBe(409);
    expect(a.submit).toBe(403);
    expect(a.list).toBe(403);
    // The used link shows nothing and sets nothing again.
    expect((await new t.HttpBrowser().post('/api/auth/setup/totp', { token })).status).toBe(401);
  });

  it('guessing a link shows no secret', async () => {
    const r = await new t.HttpBrowser().post('/api/auth/setup/totp', { token: 'a'.repeat(43) });
    expect(r.status).toBe(401);
  });

  it('an administrator cannot give a password to an account that must have a second factor', async () => {
    for (const role of ['agency_officer', 'legal_reviewer', 'admin']) {
      const created = await t.call('POST', '/api/users', admin, { username: `pw-${role}`, role, password: PASSWORD });
      expect(created.status, JSON.stringify(created.body)).toBe(400);
      expect(created.body.detail).toMatch(/setup link/);
    }
    // Without the password, the same request gives a setup link for the person.
    const linked = await t.call('POST', '/api/users', admin, { username: 'linked-reviewer', role: 'legal_reviewer' });
    expect(linked.status).toBe(201);
    expect(linked.body.setup_url).toMatch(/\/setup#token=/);
  });

  it('an account of those roles that has a password (made before this rule) cannot enrol from it', async () => {
    for (const role of ['agency_officer', 'legal_reviewer', 'admin'] as const) {
      await createUser(t.ctx, systemActor('test'), { username: `legacy-${role}`, role, password: PASSWORD });
      const a = await attackerWithPassword(`legacy-${role}`);
      expect(a.status).toBe('totp_enrolment_required');
      expect(a.enrol).toBe(409);
      expect(a.submit).toBe(403);
      expect(a.list).toBe(403);
    }
  });
});
