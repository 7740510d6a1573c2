import { expect } from 'vitest';
import { systemActor } from '../../src/core/audit/index.ts';
import { createApiToken } from '../../src/core/auth/api-tokens-service.ts';
import { createUser } from '../../src/core/auth/users-service.ts';
import { findUserById } from '../../src/core/auth/users-store.ts';
import { currentTotp } from '../../src/core/auth/totp.ts';
import type { Role } from '../../src/core/auth/permissions.ts';
import { buildApp } from '../../src/core/http/app.ts';
import { criteria } from '../../src/lawful/service.ts';
import { modules } from '../../src/modules.ts';
import { tokenFor } from '../support/app.ts';
import { createTestRuntime } from '../support/runtime.ts';
import { enrolSecondFactor } from '../support/second-factor.ts';

export type Headers = Record<string, string>;
export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/** The whole service on a real port of 127.0.0.1: every attack below goes through HTTP, as an outsider's would. */
export async function startTarget(config: Record<string, string> = {}) {
  const runtime = await createTestRuntime({ work: true }, { ACCORD_LAWFUL_HIGH_RISK_COUNTRIES: '', ...config });
  const built = await buildApp(runtime.ctx, modules);
  const base = await built.app.listen({ port: 0, host: '127.0.0.1' });

  async function call(method: string, path: string, headers: Headers, payload?: unknown): Promise<Reply> {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...headers, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(payload !== undefined ? { body: JSON.stringify(payload) } : {}),
    });
    const text = await res.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      body = { raw: text };
    }
    return { status: res.status, body };
  }

  /** A browser over HTTP: keeps the session cookie and sends the CSRF token. */
  class HttpBrowser {
    cookie = '';
    csrf = '';
    async post(path: string, payload?: unknown) {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: {
          ...(this.cookie ? { cookie: this.cookie } : {}),
          ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}),
          ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(payload !== undefined ? { body: JSON.stringify(payload) } : {}),
      });
      const set = res.headers.getSetCookie().find((c) => c.startsWith('accord_session='));
      if (set) this.cookie = set.split(';')[0]!;
      const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      if (typeof body.csrf_token === 'string') this.csrf = body.csrf_token;
      return { status: res.status, body };
    }
    get headers(): Headers {
      return { cookie: this.cookie, 'x-csrf-token': this.csrf };
    }
  }

  const target = {
    base,
    ctx: runtime.ctx,
    call,
    HttpBrowser,
    /** A staff member with an API token (setup: the service's own staff, not the attacker). */
    staff: (role: Role) => tokenFor({ ...built, runtime, close: async () => {} }, role),
    async close() {
      await built.app.close();
      await runtime.close();
    },
  };
  return target;
}
export type Target = Awaited<ReturnType<typeof startTarget>>;

export const PASSWORD = 'correct horse battery staple';

/** A staff account made by the service's own administration (setup, not the attacker), with an address if given. */
export async function staffAccount(t: Target, username: string, role: Role, email?: string) {
  const { user } = await createUser(t.ctx, systemActor('test'), {
    username,
    role,
    password: PASSWORD,
    ...(email ? { email } : {}),
  });
  return user.id;
}

/** An API token acting for an account, its second factor enrolled first (tokens for reviewers and admins need one). */
export async function tokenOfAccount(t: Target, userId: string): Promise<Headers> {
  await enrolSecondFactor(t.ctx, userId);
  const owner = (await findUserById(t.ctx.db, userId))!;
  const { token } = await createApiToken(t.ctx, systemActor('test'), owner, { name: 'attack', scopes: [] });
  return { authorization: `Bearer ${token}` };
}

/** Redeems a setup link over HTTP: the secret it shows, then password and code in one step. Session headers. */
export async function redeemSetupLink(t: Target, link: string): Promise<Headers> {
  const browser = new t.HttpBrowser();
  const token = link.slice(link.indexOf('#token=') + 7);
  const shown = await browser.post('/api/auth/setup/totp', { token });
  expect(shown.status).toBe(200);
  const code = currentTotp(shown.body.secret as string);
  expect((await browser.post('/api/auth/setup', { token, password: PASSWORD, code })).status).toBe(200);
  return browser.headers;
}

export async function newAgency(t: Target, admin: Headers, name: string, domains: string[]) {
  const r = await t.call('POST', '/api/lawful/agencies', admin, {
    name,
    country: 'US',
    agency_type: 'police',
    legal_authority: 'state criminal procedure',
    email_domains: domains,
  });
  expect(r.status).toBe(201);
  // Registration is reviewed: another member of staff approves it (the look-alike attacks test the evidence).
  const approved = await t.call(
    'POST',
    `/api/lawful/agency-changes/${r.body.change_id as string}/decision`,
    await t.staff('admin'),
    {
      approve: true,
      reasons: 'checked against the official directory',
      acknowledge_lookalikes: true,
    },
  );
  expect(approved.status).toBe(200);
  return r.body.id as string;
}

export async function newOfficer(t: Target, admin: Headers, agencyId: string, username: string, email: string) {
  const invited = await t.call('POST', `/api/lawful/agencies/${agencyId}/officers`, admin, { username, email });
  expect(invited.status).toBe(201);
  return redeemSetupLink(t, invited.body.setup_link as string);
}

const yes = Object.fromEntries(criteria.map((c) => [c, { answer: 'yes', note: 'weighed' }]));
export const checklist = {
  ...yes,
  offence_used_against_speech_or_protest: { answer: 'no' },
  country_human_rights_risk: { answer: 'no' },
  target_journalist_activist_or_defender: { answer: 'no' },
};

export const subpoena = (targets: string[], extra: Record<string, unknown> = {}) => ({
  request_type: 'subpoena',
  legal_basis: '18 U.S.C. 2703(c)(2)',
  issuing_authority: 'Grand jury, Southern District',
  case_number: 'GJ-2026-0142',
  targets,
  data_categories: ['subscriber'],
  ...extra,
});

/**
 * One reviewer pushes a request as far as they can alone: review, a decision to produce, a production, disclosure.
 * Returns the state reached and what an officer could then download.
 */
export async function pushAlone(t: Target, reviewer: Headers, officer: Headers, id: string) {
  await t.call('POST', `/api/lawful/requests/${id}/review`, reviewer);
  const decided = await t.call('POST', `/api/lawful/requests/${id}/decision`, reviewer, {
    decision: 'produce',
    reasons: 'lawful and narrow',
    checklist,
  });
  const produced = await fetch(`${t.base}/api/lawful/requests/${id}/productions?filename=data.csv`, {
    method: 'POST',
    headers: { ...reviewer, 'content-type': 'application/octet-stream' },
    body: 'account,ip\nvictim,192.0.2.1\n',
  });
  const disclosed = await t.call('POST', `/api/lawful/requests/${id}/disclose`, reviewer);
  return { decided, produced: produced.status, disclosed, ...(await outcome(t, reviewer, officer, id)) };
}

/** Where a request ended, and how many production links its officer obtains (each one tried for download). */
export async function outcome(t: Target, reviewer: Headers, officer: Headers, id: string) {
  const view = await t.call('GET', `/api/lawful/requests/${id}`, reviewer);
  const links = await t.call('GET', `/api/lawful/portal/requests/${id}/productions`, officer);
  const productions = (links.body.productions as { url: string }[] | undefined) ?? [];
  let downloaded = 0;
  for (const p of productions)
    if ((await fetch(`${t.base}${p.url}`, { headers: officer })).status === 200) downloaded++;
  return {
    state: view.body.state as string,
    assessment: view.body.assessment as { id: string; level: string }[],
    downloaded,
  };
}

/** The assertion every attack ends on: nothing disclosed, nothing downloadable. */
export function expectNoDisclosure(result: { state: string; downloaded: number }, what: string) {
  expect(result.state, what).not.toBe('disclosed');
  expect(result.downloaded, what).toBe(0);
}
