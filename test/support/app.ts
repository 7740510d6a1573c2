import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { currentTotp } from '../../src/core/auth/totp.ts';
import { createApiToken } from '../../src/core/auth/api-tokens-service.ts';
import { createUser } from '../../src/core/auth/users-service.ts';
import { findUserById } from '../../src/core/auth/users-store.ts';
import { rolesRequiringTotp, type Role } from '../../src/core/auth/permissions.ts';
import { buildApp, type BuiltApp } from '../../src/core/http/app.ts';
import type { AccordModule } from '../../src/core/module.ts';
import { modules } from '../../src/modules.ts';
import { createTestRuntime, type TestRuntime } from './runtime.ts';
import { enrolSecondFactor } from './second-factor.ts';

export interface TestApp extends BuiltApp {
  runtime: TestRuntime;
  close(): Promise<void>;
}

/** The real HTTP app on a database of this file's own; requests go through `app.inject`. */
export async function createTestApp(
  extraModules: AccordModule[] = [],
  configOverrides: Record<string, string> = {},
): Promise<TestApp> {
  const runtime = await createTestRuntime({}, configOverrides);
  const built = await buildApp(runtime.ctx, [...modules, ...extraModules]);
  return {
    ...built,
    runtime,
    async close() {
      await built.app.close();
      await runtime.close();
    },
  };
}

/** A browser-like client: keeps the session cookie and sends the CSRF header on unsafe requests. */
export class Browser {
  cookie: string | undefined;
  csrf: string | undefined;

  constructor(private readonly app: TestApp['app']) {}

  async request(options: InjectOptions): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...(options.headers as Record<string, string>) };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && options.method && options.method !== 'GET') headers['x-csrf-token'] ??= this.csrf;
    const res = await this.app.inject({ ...options, headers });
    const set = res.cookies.find((c) => c.name === 'accord_session');
    if (set) this.cookie = set.value ? `accord_session=${set.value}` : undefined;
    const body = String(res.headers['content-type'] ?? '').includes('json')
      ? (res.json() as { csrf_token?: string })
      : undefined;
    if (body?.csrf_token) this.csrf = body.csrf_token;
    return res;
  }

  post(url: string, payload?: unknown) {
    return this.request({ method: 'POST', url, ...(payload !== undefined ? { payload: payload as object } : {}) });
  }
  get(url: string) {
    return this.request({ method: 'GET', url });
  }
}

export const PASSWORD = 'correct horse battery staple';

/**
 * Creates a user of `role` and signs a browser in, enrolling TOTP where the role requires it.
 * Returns the browser and the TOTP secret (if any).
 */
export async function signedInAs(
  t: TestApp,
  role: Role,
  username = `${role}-${Math.random().toString(36).slice(2, 8)}`,
) {
  // An account that must have a second factor (officer, reviewer, admin) only comes from a setup link, which
  // enrols the factor with the password.
  if (rolesRequiringTotp.has(role)) {
    const { user, setupToken } = await createUser(
      t.runtime.ctx,
      { type: 'system', id: null, label: 'test' },
      {
        username,
        role,
      },
    );
    const browser = new Browser(t.app);
    const { secret } = (await browser.post('/api/auth/setup/totp', { token: setupToken })).json() as {
      secret: string;
    };
    const setup = await browser.post('/api/auth/setup', {
      token: setupToken,
      password: PASSWORD,
      code: currentTotp(secret),
    });
    if (setup.statusCode !== 200) throw new Error(`${role} setup failed: ${setup.body}`);
    return { browser, user, secret, password: PASSWORD };
  }
  const { user } = await createUser(
    t.runtime.ctx,
    { type: 'system', id: null, label: 'test' },
    { username, role, password: PASSWORD },
  );
  const browser = new Browser(t.app);
  const login = await browser.post('/api/auth/login', { username, password: PASSWORD });
  const status = (login.json() as { status: string }).status;
  let secret: string | undefined;
  if (status === 'totp_enrolment_required') {
    const enrol = await browser.post('/api/auth/totp/enrol');
    if (enrol.statusCode !== 200) throw new Error(`TOTP enrol failed: ${enrol.body}`);
    secret = (enrol.json() as { secret: string }).secret;
    const confirm = await browser.post('/api/auth/totp/confirm', { code: currentTotp(secret) });
    if (confirm.statusCode !== 200) throw new Error(`TOTP confirm failed: ${confirm.body}`);
  }
  return { browser, user, secret, password: PASSWORD };
}

/** A user of `role` and an API token acting for it (all of the role's permissions unless `scopes` is given). */
export async function tokenFor(t: TestApp, role: Role, scopes: string[] = []) {
  const { user } = await createUser(
    t.runtime.ctx,
    { type: 'system', id: null, label: 'test' },
    { username: `${role}-${Math.random().toString(36).slice(2, 8)}`, role, password: PASSWORD },
  );
  if (rolesRequiringTotp.has(role)) await enrolSecondFactor(t.runtime.ctx, user.id);
  const owner = await findUserById(t.runtime.ctx.db, user.id);
  const { token } = await createApiToken(t.runtime.ctx, { type: 'system', id: null, label: 'test' }, owner!, {
    name: 'test',
    scopes,
  });
  return { authorization: `Bearer ${token}`, username: owner!.username } as { authorization: string };
}

/**
 * Redeems a one-time setup link as the invited person does: chooses a password, signs in, enrols TOTP. `signInAgain`
 * signs a fresh session in with the next TOTP step (once: later steps are outside the accepted drift).
 */
export async function setUpFromLink(t: TestApp, setupToken: string) {
  const browser = new Browser(t.app);
  const shown = await browser.post('/api/auth/setup/totp', { token: setupToken });
  if (shown.statusCode !== 200) throw new Error(`setup link shows no second factor: ${shown.body}`);
  const { secret } = shown.json() as { secret: string };
  const setup = await browser.post('/api/auth/setup', {
    token: setupToken,
    password: PASSWORD,
    code: currentTotp(secret),
  });
  if ((setup.json() as { status: string }).status !== 'signed_in') throw new Error(`setup failed: ${setup.body}`);
  const headersOf = (b: Browser) => ({ cookie: b.cookie!, 'x-csrf-token': b.csrf! });
  const username = (
    (await browser.get('/api/auth/me')).json() as {
      username: string;
    }
  ).username;
  return {
    browser,
    /** Session headers for `app.inject`: the cookie and the CSRF token. */
    headers: headersOf(browser),
    async signInAgain() {
      const again = new Browser(t.app);
      await again.post('/api/auth/login', { username, password: PASSWORD });
      const verified = await again.post('/api/auth/totp/verify', { code: currentTotp(secret, Date.now() + 30_000) });
      if (verified.statusCode !== 200) throw new Error(`TOTP verify failed: ${verified.body}`);
      return headersOf(again);
    },
  };
}
