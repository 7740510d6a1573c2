import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries, systemActor } from '../../src/core/audit/index.ts';
import { createApiToken } from '../../src/core/auth/api-tokens-service.ts';
import { createUser } from '../../src/core/auth/users-service.ts';
import { findUserById, updateUser } from '../../src/core/auth/users-store.ts';
import { buildApp, type BuiltApp } from '../../src/core/http/app.ts';
import { criteria, submitRequest } from '../../src/lawful/service.ts';
import { modules } from '../../src/modules.ts';
import { setUpFromLink, tokenFor, type TestApp } from '../support/app.ts';
import { createTestRuntime } from '../support/runtime.ts';
import { startSmtpServer, startWebhookReceiver } from '../support/mail-and-hooks.ts';
import { targetedPeople } from '../support/targeting.ts';

type Headers = Record<string, string>;
let t: TestApp;
let built: BuiltApp;
let admin: Headers;
let reviewer1: Headers;
let reviewer2: Headers;
let officerA: Headers;
let officerB: Headers;
let agencyA: string;
let agencyB: string;
let contactA: string;
let officerAId: string;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
const HOOK_SECRET = 'lawful-notice-webhook-secret-of-32-chars';

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Headers, payload?: object) =>
  built.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
const json = <T = Record<string, unknown>>(r: { json: () => unknown }) => r.json() as T;

const yes = Object.fromEntries(criteria.map((c) => [c, { answer: 'yes', note: 'weighed' }]));
const checklist = {
  ...yes,
  offence_used_against_speech_or_protest: { answer: 'no' },
  country_human_rights_risk: { answer: 'no' },
  target_journalist_activist_or_defender: { answer: 'no' },
};
const request = (extra: Record<string, unknown> = {}) => ({
  request_type: 'subpoena',
  legal_basis: '18 U.S.C. 2703(c)(2)',
  issuing_authority: 'Grand jury, Southern District',
  case_number: 'GJ-2026-0142',
  targets: ['suspect@example.net'],
  data_categories: ['subscriber'],
  ...extra,
});

/** An officer as the portal makes one: invited, setup link redeemed, TOTP enrolled; a session, never a token. */
async function officerFor(agencyId: string, username: string, email: string) {
  const invited = await call('POST', `/api/lawful/agencies/${agencyId}/officers`, admin, { username, email });
  expect(invited.statusCode).toBe(201);
  const { user_id, setup_link } = json<{ user_id: string; setup_link: string }>(invited);
  const officer = await setUpFromLink(t, setup_link.slice(setup_link.indexOf('#token=') + 7));
  return { headers: officer.headers, id: user_id, signInAgain: officer.signInAgain };
}

const newAgency = (name: string, domains: string[], extra: Record<string, unknown> = {}) =>
  call('POST', '/api/lawful/agencies', admin, {
    name,
    country: 'US',
    agency_type: 'police',
    legal_authority: 'state criminal procedure',
    email_domains: domains,
    ...extra,
  }).then(async (r) => {
    // Registration is reviewed: another person approves it (look-alikes are not what these tests are about).
    const { id, change_id } = json<{ id: string; change_id: string }>(r);
    const approved = await call('POST', `/api/lawful/agency-changes/${change_id}/decision`, reviewer2, {
      approve: true,
      reasons: 'checked against the official directory',
      acknowledge_lookalikes: true,
    });
    expect(approved.statusCode).toBe(200);
    return id;
  });

const assessmentOf = async (id: string) =>
  json<{ assessment: { id: string; level: string; message: string }[] }>(
    await call('GET', `/api/lawful/requests/${id}`, reviewer1),
  ).assessment;

async function toDecision(id: string, decision = 'produce') {
  expect((await call('POST', `/api/lawful/requests/${id}/review`, reviewer1)).statusCode).toBe(200);
  return call('POST', `/api/lawful/requests/${id}/decision`, reviewer1, {
    decision,
    reasons: 'lawful and narrow',
    checklist,
  });
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  hooks = await startWebhookReceiver(HOOK_SECRET);
  const runtime = await createTestRuntime(
    { work: true },
    {
      ACCORD_LAWFUL_HIGH_RISK_COUNTRIES: 'US,RU',
      // Without emergency_disclosure on purpose: emergencies need a second reviewer whatever this setting says.
      ACCORD_LAWFUL_TWO_PERSON_TYPES: 'national_security,mlat',
      ACCORD_SMTP_URL: smtp.url,
      ACCORD_NOTIFY_WEBHOOK_URL: hooks.url,
      ACCORD_NOTIFY_WEBHOOK_SECRET: HOOK_SECRET,
      ACCORD_OUTBOUND_ALLOW_PRIVATE: 'true',
    },
  );
  built = await buildApp(runtime.ctx, modules);
  t = { ...built, runtime, close: async () => {} };
  admin = await tokenFor(t, 'admin');
  reviewer1 = await tokenFor(t, 'legal_reviewer');
  reviewer2 = await tokenFor(t, 'legal_reviewer');
  agencyA = await newAgency('City Police', ['police.city.gov']);
  agencyB = await newAgency('NYPD', ['nypd.org']);
  const contact = await call('POST', `/api/lawful/agencies/${agencyA}/contacts`, admin, {
    name: 'Duty sergeant',
    role: 'supervisor',
    phone: '+1 555 0100',
    source: 'switchboard number from the city website, called 2026-11-01',
  });
  contactA = json<{ id: string }>(contact).id;
  // Registry data: verified by another person than the one who added it, before any request arrives.
  await call('POST', `/api/lawful/agencies/${agencyA}/contacts/${contactA}/verify`, reviewer2);
  ({ headers: officerA, id: officerAId } = await officerFor(agencyA, 'officer-a', 'jane.doe@police.city.gov'));
  ({ headers: officerB } = await officerFor(agencyB, 'officer-b', 'john.roe@nypd.org'));
}, 90_000);
afterAll(async () => {
  await built?.app.close();
  await t?.runtime.close();
  await smtp?.close();
  await hooks?.close();
});

describe('agency registry and officers', () => {
  it('an officer must have an address on the agency’s verified domains', async () => {
    const r = await call('POST', `/api/lawful/agencies/${agencyA}/officers`, admin, {
      username: 'x',
      email: 'x@gmail.com',
    });
    expect(r.statusCode).toBe(400);
  });
  it('officers cannot manage agencies, and reviewers cannot submit as officers', async () => {
    expect((await call('GET', '/api/lawful/agencies', officerA)).statusCode).toBe(403);
    expect((await call('POST', '/api/lawful/portal/requests', reviewer1, request())).statusCode).toBe(403);
  });
});

describe('the life of a request', () => {
  it('subpoena: submitted, reviewed, produced, disclosed; the user notice fires when the order expires', async () => {
    const until = new Date(Date.now() + 1500).toISOString();
    const submitted = await call(
      'POST',
      '/api/lawful/portal/requests',
      officerA,
      request({ nondisclosure_until: until, targets: ['suspect@example.net', 'account:7730021'] }),
    );
    expect(submitted.statusCode).toBe(201);
    const { id } = json<{ id: string }>(submitted);
    expect(
      json<{ assessment: { id: string; level: string }[] }>(await call('GET', `/api/lawful/requests/${id}`, reviewer1))
        .assessment,
    ).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'officer', level: 'ok' }),
        expect.objectContaining({ id: 'sender_domain', level: 'ok' }),
        expect.objectContaining({ id: 'first_request', level: 'warn' }),
        expect.objectContaining({ id: 'country_risk', level: 'warn' }),
      ]),
    );
    expect(json(await toDecision(id))).toMatchObject({ state: 'approved' });
    expect(json(await call('POST', `/api/lawful/requests/${id}/disclose`, reviewer1))).toMatchObject({
      state: 'disclosed',
    });
    const notice = await (async () => {
      for (let i = 0; i < 100; i++) {
        const steps = json<{ steps: { kind: string }[] }>(
          await call('GET', `/api/lawful/requests/${id}`, reviewer1),
        ).steps;
        if (steps.some((s) => s.kind === 'user_notice')) return true;
        await new Promise((r) => setTimeout(r, 200));
      }
      return false;
    })();
    expect(notice).toBe(true);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(until));
    expect(smtp.received.map((m) => m.to)).toEqual([['suspect@example.net']]);
    expect(smtp.received[0]!.raw).toMatch(/a legal request concerned your account/);
    expect(smtp.received[0]!.raw).toMatch(/A court order kept us from telling you until now/);
    // The account that is not an address is told through the provider's product, by the signed webhook.
    expect(hooks.received).toHaveLength(1);
    expect(hooks.received[0]).toMatchObject({
      signatureValid: true,
      idempotencyKey: `${id}.1`,
      body: {
        type: 'accord.legal_notice',
        account: 'account:7730021',
        subject: expect.stringMatching(/legal request/),
      },
    });
  }, 60_000);

  it('emergency: no disclosure without a callback and a second reviewer, even when the setting leaves emergencies out', async () => {
    const { id } = json<{ id: string }>(
      await call(
        'POST',
        '/api/lawful/portal/requests',
        officerA,
        request({
          request_type: 'emergency_disclosure',
          emergency_narrative: 'A child is missing and in danger; the account is the only lead.',
        }),
      ),
    );
    const refused = await toDecision(id);
    expect(refused.statusCode).toBe(409);
    expect(json<{ detail: string }>(refused).detail).toMatch(/no callback/);
    const foreign = await call('POST', `/api/lawful/requests/${id}/callbacks`, reviewer1, {
      contact_id: '00000000-0000-4000-8000-000000000000',
      outcome: 'confirmed',
      notes: 'x',
    });
    expect(foreign.statusCode).toBe(400);
    await call('POST', `/api/lawful/requests/${id}/callbacks`, reviewer1, {
      contact_id: contactA,
      outcome: 'confirmed',
      notes: 'sergeant confirmed the case',
    });
    const decided = await call('POST', `/api/lawful/requests/${id}/decision`, reviewer1, {
      decision: 'produce_partial',
      reasons: 'subscriber data only',
      checklist,
    });
    expect(json(decided)).toMatchObject({ state: 'awaiting_second_approval' });
    expect((await call('POST', `/api/lawful/requests/${id}/disclose`, reviewer1)).statusCode).toBe(409);
    expect(
      (
        await call('POST', `/api/lawful/requests/${id}/second-approval`, reviewer1, {
          agree: true,
          reasons: 'me again',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      json(
        await call('POST', `/api/lawful/requests/${id}/second-approval`, reviewer2, {
          agree: true,
          reasons: 'confirmed by callback',
        }),
      ),
    ).toMatchObject({ state: 'approved' });
    expect(json(await call('POST', `/api/lawful/requests/${id}/disclose`, reviewer2))).toMatchObject({
      state: 'disclosed',
    });
  });

  it('productions reach the officer through expiring, audited links, and only their agency', async () => {
    const { id } = json<{ id: string }>(await call('POST', '/api/lawful/portal/requests', officerA, request()));
    const attach = (body: Buffer) =>
      built.app.inject({
        method: 'POST',
        url: `/api/lawful/requests/${id}/productions?filename=subscriber.csv`,
        headers: { ...reviewer1, 'content-type': 'application/octet-stream' },
        payload: body,
      });
    const data = Buffer.from('account,created\nsuspect@example.net,2024-01-01\n');
    expect((await attach(data)).statusCode).toBe(409);
    await toDecision(id);
    expect((await attach(data)).statusCode).toBe(201);
    expect(
      json<{ productions: unknown[] }>(await call('GET', `/api/lawful/portal/requests/${id}/productions`, officerA))
        .productions,
    ).toEqual([]);
    await call('POST', `/api/lawful/requests/${id}/disclose`, reviewer1);
    const [link] = json<{ productions: { url: string; expires_at: string }[] }>(
      await call('GET', `/api/lawful/portal/requests/${id}/productions`, officerA),
    ).productions;
    expect(Date.parse(link!.expires_at) - Date.now()).toBeGreaterThan(71 * 3_600_000);
    const got = await call('GET', link!.url, officerA);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(data)).toBe(true);
    expect((await call('GET', link!.url, officerB)).statusCode).toBe(404);
    expect((await call('GET', link!.url, reviewer1)).statusCode).toBe(403);
    await sql`update lawful_productions set link_expires_at = now() - interval '1 minute'`.execute(t.runtime.ctx.db);
    const expired = await call('GET', link!.url, officerA);
    expect(expired.statusCode).toBe(410);
    const audit = await listAuditEntries(t.runtime.ctx.db, {
      limit: 5,
      action: 'lawful_request.production_downloaded',
    });
    expect(audit).toHaveLength(1);
  });

  it('every other type is reviewed, decided and disclosed; national security and MLAT need two reviewers', async () => {
    // Subpoenas and emergencies have their own tests above.
    for (const type of ['court_order', 'search_warrant', 'preservation', 'national_security', 'mlat', 'other']) {
      const { id } = json<{ id: string }>(
        await call('POST', '/api/lawful/portal/requests', officerA, request({ request_type: type })),
      );
      const decided = json<{ state: string }>(await toDecision(id));
      if (type !== 'national_security' && type !== 'mlat') expect(decided.state).toBe('approved');
      else {
        expect(decided.state).toBe('awaiting_second_approval');
        const agreed = await call('POST', `/api/lawful/requests/${id}/second-approval`, reviewer2, {
          agree: true,
          reasons: 'agreed',
        });
        expect(json(agreed)).toMatchObject({ state: 'approved' });
      }
      expect(json(await call('POST', `/api/lawful/requests/${id}/disclose`, reviewer1))).toMatchObject({
        state: 'disclosed',
      });
    }
  });

  it('the country-risk table: high escalates to two reviewers, elevated warns, each with its source', async () => {
    const set = await call('PUT', '/api/lawful/country-risk/us', reviewer1, {
      level: 'high',
      source: 'provider human-rights review 2026',
    });
    expect(json(set)).toMatchObject({ country: 'US', level: 'high' });
    expect((await call('PUT', '/api/lawful/country-risk/XX', admin, { level: 'high', source: 'x' })).statusCode).toBe(
      400,
    );
    expect((await call('PUT', '/api/lawful/country-risk/FR', officerA, { level: 'low', source: 'x' })).statusCode).toBe(
      403,
    );
    const { id } = json<{ id: string }>(await call('POST', '/api/lawful/portal/requests', officerA, request()));
    const assessed = json<{ assessment: { id: string; level: string; evidence?: unknown }[] }>(
      await call('GET', `/api/lawful/requests/${id}`, reviewer1),
    ).assessment;
    expect(assessed).toContainEqual(
      expect.objectContaining({
        id: 'country_risk',
        level: 'escalate',
        evidence: expect.objectContaining({ level: 'high', source: 'provider human-rights review 2026' }),
      }),
    );
    expect(json(await toDecision(id))).toMatchObject({ state: 'awaiting_second_approval' });
    const listed = json<{ countries: { country: string }[] }>(await call('GET', '/api/lawful/country-risk', reviewer2));
    expect(listed.countries.map((c) => c.country)).toEqual(['US']);
    // Removed from the table, the country falls back to the configured list: a warning again.
    expect((await call('DELETE', '/api/lawful/country-risk/US', admin)).statusCode).toBe(204);
    const next = json<{ id: string }>(await call('POST', '/api/lawful/portal/requests', officerA, request())).id;
    const again = json<{ assessment: { id: string; level: string }[] }>(
      await call('GET', `/api/lawful/requests/${next}`, reviewer1),
    ).assessment;
    expect(again).toContainEqual(expect.objectContaining({ id: 'country_risk', level: 'warn' }));
  });

  it('a second reviewer who disagrees sends the request back to review', async () => {
    const { id } = json<{ id: string }>(
      await call('POST', '/api/lawful/portal/requests', officerA, request({ request_type: 'mlat' })),
    );
    await toDecision(id);
    const back = await call('POST', `/api/lawful/requests/${id}/second-approval`, reviewer2, {
      agree: false,
      reasons: 'too broad',
    });
    expect(json(back)).toMatchObject({ state: 'in_review' });
  });

  it('rejections, no data, narrowing and withdrawal end where they should; invalid transitions are refused', async () => {
    for (const [decision, state] of [
      ['reject', 'rejected'],
      ['no_data', 'no_data'],
      ['narrow', 'narrowing_requested'],
    ] as const) {
      const { id } = json<{ id: string }>(
        await call('POST', '/api/lawful/portal/requests', officerA, request({ request_type: 'court_order' })),
      );
      expect(json(await toDecision(id, decision))).toMatchObject({ state });
      expect((await call('POST', `/api/lawful/requests/${id}/disclose`, reviewer1)).statusCode).toBe(409);
    }
    const { id } = json<{ id: string }>(
      await call('POST', '/api/lawful/portal/requests', officerA, request({ request_type: 'preservation' })),
    );
    expect((await call('POST', `/api/lawful/requests/${id}/disclose`, reviewer1)).statusCode).toBe(409);
    expect(json(await call('POST', `/api/lawful/portal/requests/${id}/withdraw`, officerA))).toMatchObject({
      state: 'withdrawn',
    });
    expect((await call('POST', `/api/lawful/requests/${id}/review`, reviewer1)).statusCode).toBe(409);
  });

  it('content needs judicial authorisation; an incomplete checklist decides nothing', async () => {
    const { id } = json<{ id: string }>(
      await call(
        'POST',
        '/api/lawful/portal/requests',
        officerA,
        request({ request_type: 'search_warrant', data_categories: ['content'] }),
      ),
    );
    await call('POST', `/api/lawful/requests/${id}/review`, reviewer1);
    const partial = await call('POST', `/api/lawful/requests/${id}/decision`, reviewer1, {
      decision: 'produce',
      reasons: 'x y z',
      checklist: { legal_basis_and_jurisdiction: { answer: 'yes' } },
    });
    expect(partial.statusCode).toBe(400);
    const noWarrant = { ...checklist, judicial_authorisation_for_content: { answer: 'no' } };
    const refused = await call('POST', `/api/lawful/requests/${id}/decision`, reviewer1, {
      decision: 'produce',
      reasons: 'x y z',
      checklist: noWarrant,
    });
    expect(json<{ detail: string }>(refused).detail).toMatch(/content is only produced on judicial authorisation/);
  });
});

describe('safeguards against forged and abusive requests', () => {
  it('a request from a look-alike domain never reaches disclosure', async () => {
    const entered = await call('POST', '/api/lawful/requests', reviewer1, {
      ...request(),
      agency_id: agencyB,
      sender_email: 'records@nypd-secure.org',
    });
    const { id } = json<{ id: string }>(entered);
    const view = json<{ assessment: { id: string; level: string }[] }>(
      await call('GET', `/api/lawful/requests/${id}`, reviewer1),
    );
    expect(view.assessment).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'lookalike_domain', level: 'block' })]),
    );
    const refused = await toDecision(id);
    expect(refused.statusCode).toBe(409);
    expect(json<{ detail: string }>(refused).detail).toMatch(/imitates/);
  });

  it('a suspended officer or agency never reaches disclosure, even after approval', async () => {
    const agency = await newAgency('County Sheriff', ['sheriff.county.gov']);
    const officer = await officerFor(agency, 'deputy-c', 'deputy@sheriff.county.gov');
    const { id } = json<{ id: string }>(await call('POST', '/api/lawful/portal/requests', officer.headers, request()));
    expect(json(await toDecision(id))).toMatchObject({ state: 'approved' });
    await call('POST', `/api/lawful/officers/${officer.id}/status`, admin, { status: 'suspended' });
    const blocked = await call('POST', `/api/lawful/requests/${id}/disclose`, reviewer1);
    expect(blocked.statusCode).toBe(409);
    expect(json<{ detail: string }>(blocked).detail).toMatch(/officer's account is suspended/);
    await call('POST', `/api/lawful/officers/${officer.id}/status`, admin, { status: 'active' });
    await call('POST', `/api/lawful/agencies/${agency}/status`, admin, { status: 'suspended' });
    expect(
      json<{ detail: string }>(await call('POST', `/api/lawful/requests/${id}/disclose`, reviewer1)).detail,
    ).toMatch(/County Sheriff is suspended/);
  });

  it('a request naming an account in a targeting case is escalated: a second reviewer must agree', async () => {
    await targetedPeople(t.runtime.ctx, 'Predator (test)', 'c2.predator.example', ['amira@example.org']);
    const { id } = json<{ id: string }>(
      await call('POST', '/api/lawful/portal/requests', officerA, request({ targets: ['Amira@example.org'] })),
    );
    const view = json<{ assessment: { id: string; level: string }[] }>(
      await call('GET', `/api/lawful/requests/${id}`, reviewer1),
    );
    expect(view.assessment).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'targeted_account', level: 'escalate' })]),
    );
    expect(json(await toDecision(id))).toMatchObject({ state: 'awaiting_second_approval' });
  });

  it('an officer sees only their own agency’s requests', async () => {
    const { id } = json<{ id: string }>(await call('POST', '/api/lawful/portal/requests', officerA, request()));
    expect((await call('GET', `/api/lawful/portal/requests/${id}`, officerB)).statusCode).toBe(404);
    expect((await call('POST', `/api/lawful/portal/requests/${id}/withdraw`, officerB)).statusCode).toBe(404);
    const mine = json<{ requests: { id: string }[] }>(await call('GET', '/api/lawful/portal/requests', officerB));
    expect(mine.requests.map((r) => r.id)).not.toContain(id);
    const theirs = json<{ requests: unknown[] }>(await call('GET', '/api/lawful/portal/requests', officerA));
    expect(JSON.stringify(theirs)).not.toMatch(/assessment|sender_domain/);
    expect((await call('GET', `/api/lawful/requests/${id}`, officerA)).statusCode).toBe(403);
  });

  it('documents: PDF only, sealed at rest with their SHA-256, downloads audited', async () => {
    const { id } = json<{ id: string }>(await call('POST', '/api/lawful/portal/requests', officerA, request()));
    const pdf = Buffer.from('%PDF-1.4\n% subpoena GJ-2026-0142 for suspect@example.net\n%%EOF\n');
    const upload = (body: Buffer, type: string) =>
      built.app.inject({
        method: 'POST',
        url: `/api/lawful/portal/requests/${id}/documents?filename=subpoena.pdf`,
        headers: { ...officerA, 'content-type': type },
        payload: body,
      });
    const ok = await upload(pdf, 'application/pdf');
    expect(ok.statusCode).toBe(201);
    expect((await upload(Buffer.from('MZ not a pdf'), 'application/pdf')).statusCode).toBe(415);
    const raw = await sql<{ content_enc: string }>`select content_enc from lawful_documents`.execute(t.runtime.ctx.db);
    expect(raw.rows[0]!.content_enc).not.toContain('suspect');
    const { id: docId } = json<{ id: string }>(ok);
    const download = await call('GET', `/api/lawful/requests/${id}/documents/${docId}`, reviewer1);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    const audit = await listAuditEntries(t.runtime.ctx.db, { limit: 5, action: 'lawful_request.document_read' });
    expect(audit[0]).toMatchObject({ object_id: id });
    const targets = await sql<{ targets_enc: string }>`select targets_enc from lawful_requests`.execute(
      t.runtime.ctx.db,
    );
    expect(targets.rows.every((r) => !r.targets_enc.includes('@'))).toBe(true);
  });
});

describe('the two-person rule cannot be bypassed', () => {
  const approve = (id: string, who: Headers, agree = true) =>
    call('POST', `/api/lawful/requests/${id}/second-approval`, who, { agree, reasons: 'looked at it again' });

  it('no second approval before a decision, none by the decider, no disclosure without both', async () => {
    const { id } = json<{ id: string }>(
      await call('POST', '/api/lawful/portal/requests', officerA, request({ request_type: 'mlat' })),
    );
    expect((await call('POST', `/api/lawful/requests/${id}/review`, reviewer1)).statusCode).toBe(200);
    // The reported bypass: review → second approval → disclose, with no checklist and no decision.
    expect((await approve(id, reviewer1)).statusCode).toBe(409);
    expect((await approve(id, reviewer2)).statusCode).toBe(409);
    expect((await call('POST', `/api/lawful/requests/${id}/disclose`, reviewer1)).statusCode).toBe(409);
    const decided = await call('POST', `/api/lawful/requests/${id}/decision`, reviewer1, {
      decision: 'produce',
      reasons: 'lawful and narrow',
      checklist,
    });
    expect(json(decided)).toMatchObject({ state: 'awaiting_second_approval' });
    expect((await approve(id, reviewer1)).statusCode).toBe(403);
    // Nor can the decider decide again while waiting, to land on a state that needs nobody else.
    const redecided = await call('POST', `/api/lawful/requests/${id}/decision`, reviewer1, {
      decision: 'produce',
      reasons: 'again',
      checklist,
    });
    expect(redecided.statusCode).toBe(409);
    expect((await call('POST', `/api/lawful/requests/${id}/disclose`, reviewer1)).statusCode).toBe(409);
    expect(json(await approve(id, reviewer2))).toMatchObject({ state: 'approved' });
    expect(json(await call('POST', `/api/lawful/requests/${id}/disclose`, reviewer1))).toMatchObject({
      state: 'disclosed',
    });
  });

  it('a request one reviewer may decide still cannot skip the decision through a second approval', async () => {
    const { id } = json<{ id: string }>(await call('POST', '/api/lawful/portal/requests', officerA, request()));
    await call('POST', `/api/lawful/requests/${id}/review`, reviewer1);
    expect((await approve(id, reviewer2)).statusCode).toBe(409);
    expect(json(await call('GET', `/api/lawful/requests/${id}`, reviewer1))).toMatchObject({ state: 'in_review' });
  });

  it('a request escalated after one reviewer approved it waits for a second one before disclosure', async () => {
    const { id } = json<{ id: string }>(await call('POST', '/api/lawful/portal/requests', officerA, request()));
    expect(json(await toDecision(id))).toMatchObject({ state: 'approved' });
    // Nothing waits for a second reviewer yet: no approval to give.
    expect((await approve(id, reviewer2)).statusCode).toBe(409);
    // Escalated since: the agency's country is now assessed as a high risk.
    await call('PUT', '/api/lawful/country-risk/US', reviewer1, { level: 'high', source: 'review after approval' });
    try {
      const refused = await call('POST', `/api/lawful/requests/${id}/disclose`, reviewer1);
      expect(json<{ detail: string }>(refused).detail).toMatch(/second reviewer/);
      expect((await approve(id, reviewer1)).statusCode).toBe(403);
      expect(json(await approve(id, reviewer2))).toMatchObject({ state: 'approved' });
      expect((await approve(id, reviewer2)).statusCode).toBe(409);
      expect(json(await call('POST', `/api/lawful/requests/${id}/disclose`, reviewer1))).toMatchObject({
        state: 'disclosed',
      });
    } finally {
      await call('DELETE', '/api/lawful/country-risk/US', admin);
    }
  });

  it('an agreement given before the request was sent back does not carry over to a new decision', async () => {
    const { id } = json<{ id: string }>(
      await call('POST', '/api/lawful/portal/requests', officerA, request({ request_type: 'national_security' })),
    );
    await toDecision(id);
    expect(json(await approve(id, reviewer2, false))).toMatchObject({ state: 'in_review' });
    const again = await call('POST', `/api/lawful/requests/${id}/decision`, reviewer2, {
      decision: 'produce_partial',
      reasons: 'subscriber data only',
      checklist,
    });
    expect(json(again)).toMatchObject({ state: 'awaiting_second_approval' });
    expect((await approve(id, reviewer2)).statusCode).toBe(403);
    expect(json(await approve(id, reviewer1))).toMatchObject({ state: 'approved' });
  });
});

describe('cutting an officer off', () => {
  let disclosedId: string;
  let link: string;
  const download = (headers: Headers) => call('GET', link, headers);

  beforeAll(async () => {
    const { id } = json<{ id: string }>(await call('POST', '/api/lawful/portal/requests', officerA, request()));
    disclosedId = id;
    await toDecision(id);
    await built.app.inject({
      method: 'POST',
      url: `/api/lawful/requests/${id}/productions?filename=subscriber.csv`,
      headers: { ...reviewer1, 'content-type': 'application/octet-stream' },
      payload: Buffer.from('account\nsuspect@example.net\n'),
    });
    await call('POST', `/api/lawful/requests/${id}/disclose`, reviewer1);
    link = json<{ productions: { url: string }[] }>(
      await call('GET', `/api/lawful/portal/requests/${id}/productions`, officerA),
    ).productions[0]!.url;
  });

  /** Every kind of officer action, each answered `status`. */
  async function expectRefused(headers: Headers, status: number) {
    expect((await call('POST', '/api/lawful/portal/requests', headers, request())).statusCode).toBe(status);
    expect((await call('GET', '/api/lawful/portal/requests', headers)).statusCode).toBe(status);
    expect((await call('GET', `/api/lawful/portal/requests/${disclosedId}`, headers)).statusCode).toBe(status);
    expect((await call('GET', `/api/lawful/portal/requests/${disclosedId}/productions`, headers)).statusCode).toBe(
      status,
    );
    expect((await download(headers)).statusCode).toBe(status);
  }

  it('a suspended officer is refused at once: sessions ended, a new sign-in refused; reactivated, back', async () => {
    const officer = await officerFor(agencyA, 'officer-s', 'sam.s@police.city.gov');
    expect((await download(officer.headers)).statusCode).toBe(200);
    expect(
      (await call('POST', `/api/lawful/officers/${officer.id}/status`, admin, { status: 'suspended' })).statusCode,
    ).toBe(204);
    await expectRefused(officer.headers, 401);
    const fresh = await officer.signInAgain();
    await expectRefused(fresh, 403);
    const [audit] = await listAuditEntries(t.runtime.ctx.db, { limit: 1, action: 'officer.suspended' });
    expect(audit).toMatchObject({ object_id: officer.id, details: { sessions_ended: 1 } });
    await call('POST', `/api/lawful/officers/${officer.id}/status`, admin, { status: 'active' });
    expect((await download(fresh)).statusCode).toBe(200);
  });

  it('a revoked officer is refused at once, and revocation is final', async () => {
    const officer = await officerFor(agencyA, 'officer-r', 'rita.r@police.city.gov');
    expect((await call('GET', '/api/lawful/portal/requests', officer.headers)).statusCode).toBe(200);
    await call('POST', `/api/lawful/officers/${officer.id}/status`, admin, { status: 'revoked' });
    await expectRefused(officer.headers, 401);
    await expectRefused(await officer.signInAgain(), 403);
    const back = await call('POST', `/api/lawful/officers/${officer.id}/status`, admin, { status: 'active' });
    expect(back.statusCode).toBe(409);
  });

  it("a suspended agency's officers are refused at once", async () => {
    const agency = await newAgency('Harbour Police', ['harbour-police.gov']);
    const officer = await officerFor(agency, 'officer-h', 'hal@harbour-police.gov');
    const { id } = json<{ id: string }>(await call('POST', '/api/lawful/portal/requests', officer.headers, request()));
    await call('POST', `/api/lawful/agencies/${agency}/status`, admin, { status: 'suspended' });
    expect((await call('GET', `/api/lawful/portal/requests/${id}`, officer.headers)).statusCode).toBe(401);
    const fresh = await officer.signInAgain();
    expect((await call('GET', `/api/lawful/portal/requests/${id}`, fresh)).statusCode).toBe(403);
    expect((await call('POST', '/api/lawful/portal/requests', fresh, request())).statusCode).toBe(403);
    expect((await call('POST', `/api/lawful/portal/requests/${id}/withdraw`, fresh)).statusCode).toBe(403);
    await call('POST', `/api/lawful/agencies/${agency}/status`, admin, { status: 'active' });
    expect((await call('GET', `/api/lawful/portal/requests/${id}`, fresh)).statusCode).toBe(200);
  });
});

describe('an API token is not an officer’s second factor', () => {
  it('no token is minted for an officer, nor accepted from one', async () => {
    const minted = await call('POST', '/api/tokens', admin, { name: 'portal', user_id: officerAId });
    expect(minted.statusCode).toBe(403);
    // A token from before the account became an officer's is refused too.
    const { user } = await createUser(t.runtime.ctx, systemActor('test'), { username: 'turncoat', role: 'analyst' });
    const { token } = await createApiToken(t.runtime.ctx, systemActor('test'), user, { name: 'old', scopes: [] });
    await updateUser(t.runtime.ctx.db, user.id, { role: 'agency_officer' });
    const r = await call('GET', '/api/lawful/portal/requests', { authorization: `Bearer ${token}` });
    expect(r.statusCode).toBe(401);
  });

  it('an officer principal from a token cannot submit, so never passes the second-factor safeguard', async () => {
    const owner = (await findUserById(t.runtime.ctx.db, officerAId))!;
    const principal = {
      kind: 'token',
      userId: owner.id,
      username: owner.username,
      role: 'agency_officer',
      mfaVerified: true,
      tokenId: 'feedfacefeedface',
    } as const;
    await expect(
      submitRequest(t.runtime.ctx, systemActor('test'), principal, request() as never),
    ).rejects.toMatchObject({
      status: 403,
      detail: expect.stringMatching(/second factor/),
    });
  });
});

describe('requests entered by staff', () => {
  it('a request entered by staff (the compromised-mailbox case) needs a confirmed callback before disclosure', async () => {
    const { id } = json<{ id: string }>(
      await call('POST', '/api/lawful/requests', reviewer1, {
        ...request(),
        agency_id: agencyA,
        sender_email: 'jane.doe@police.city.gov',
      }),
    );
    expect(await assessmentOf(id)).toContainEqual(expect.objectContaining({ id: 'officer', level: 'block' }));
    const refused = await toDecision(id);
    expect(refused.statusCode).toBe(409);
    expect(json<{ detail: string }>(refused).detail).toMatch(/entered by staff/);
    const unconfirmed = await call('POST', `/api/lawful/requests/${id}/callbacks`, reviewer1, {
      contact_id: contactA,
      outcome: 'not_confirmed',
      notes: 'nobody had heard of it',
    });
    expect(unconfirmed.statusCode).toBe(200);
    expect(await assessmentOf(id)).toContainEqual(expect.objectContaining({ id: 'officer', level: 'block' }));
    await call('POST', `/api/lawful/requests/${id}/callbacks`, reviewer1, {
      contact_id: contactA,
      outcome: 'confirmed',
      notes: 'the sergeant confirmed the subpoena',
    });
    const [audit] = await listAuditEntries(t.runtime.ctx.db, { limit: 1, action: 'lawful_request.callback_recorded' });
    expect(audit).toMatchObject({ object_id: id, details: { outcome: 'confirmed' } });
    expect(await assessmentOf(id)).toContainEqual(expect.objectContaining({ id: 'officer', level: 'warn' }));
    const decided = await call('POST', `/api/lawful/requests/${id}/decision`, reviewer1, {
      decision: 'produce',
      reasons: 'confirmed by callback',
      checklist,
    });
    // The reviewer who confirmed the callback is not the only decider: a second person agrees.
    expect(json(decided)).toMatchObject({ state: 'awaiting_second_approval' });
    await call('POST', `/api/lawful/requests/${id}/second-approval`, reviewer2, {
      agree: true,
      reasons: 'callback checked',
    });
    expect(json(await call('POST', `/api/lawful/requests/${id}/disclose`, reviewer1))).toMatchObject({
      state: 'disclosed',
    });
  });
});

describe('clarification and the behavioural signals', () => {
  it('a reviewer asks, only the agency’s officer answers, and review resumes', async () => {
    const { id } = json<{ id: string }>(await call('POST', '/api/lawful/portal/requests', officerA, request()));
    const answer = (who: Headers) =>
      call('POST', `/api/lawful/portal/requests/${id}/clarification`, who, { answer: 'Only since 1 March.' });
    await call('POST', `/api/lawful/requests/${id}/review`, reviewer1);
    expect((await answer(officerA)).statusCode).toBe(409);
    const asked = await call('POST', `/api/lawful/requests/${id}/clarification`, reviewer1, {
      question: 'Which dates does the order cover?',
    });
    expect(json(asked)).toMatchObject({ state: 'clarification_requested' });
    expect(
      json<{ questions: unknown[] }>(await call('GET', `/api/lawful/portal/requests/${id}`, officerA)).questions,
    ).toEqual([expect.objectContaining({ question: 'Which dates does the order cover?' })]);
    expect(
      (
        await call('POST', `/api/lawful/requests/${id}/decision`, reviewer1, {
          decision: 'produce',
          reasons: 'x y z',
          checklist,
        })
      ).statusCode,
    ).toBe(409);
    expect((await answer(officerB)).statusCode).toBe(404);
    expect((await answer(reviewer1)).statusCode).toBe(403);
    expect(json(await answer(officerA))).toMatchObject({ state: 'in_review' });
    expect((await answer(officerA)).statusCode).toBe(409);
    const steps = json<{ steps: { kind: string; details: Record<string, unknown> }[] }>(
      await call('GET', `/api/lawful/requests/${id}`, reviewer1),
    ).steps;
    expect(steps.filter((s) => s.kind === 'clarification').map((s) => s.details)).toEqual([
      { question: 'Which dates does the order cover?' },
      { answer: 'Only since 1 March.' },
    ]);
    const decided = await call('POST', `/api/lawful/requests/${id}/decision`, reviewer1, {
      decision: 'produce',
      reasons: 'the answer narrowed it',
      checklist,
    });
    expect(json(decided)).toMatchObject({ state: 'approved' });
  });

  it('unusual volume, hours and request type are flagged from the stored history', async () => {
    // A zone where it is about 3 a.m. now: the request arrives in the agency's night.
    const offset = (((3 - new Date().getUTCHours()) % 24) + 24) % 24;
    const hours = offset > 14 ? offset - 24 : offset;
    const zone = hours === 0 ? 'Etc/GMT' : `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`;
    const agency = await newAgency('Night Watch', ['night-watch.gov'], { timezone: zone });
    const officer = await officerFor(agency, 'officer-n', 'nora@night-watch.gov');
    const first = json<{ id: string }>(
      await call('POST', '/api/lawful/portal/requests', officer.headers, request()),
    ).id;
    const signals = (list: { id: string }[]) => list.map((s) => s.id);
    expect(signals(await assessmentOf(first))).toEqual(expect.arrayContaining(['first_request', 'hours']));
    expect(signals(await assessmentOf(first))).not.toContain('volume');
    for (let i = 0; i < 9; i++) await call('POST', '/api/lawful/portal/requests', officer.headers, request());
    const { id } = json<{ id: string }>(
      await call('POST', '/api/lawful/portal/requests', officer.headers, request({ request_type: 'court_order' })),
    );
    const assessed = await assessmentOf(id);
    expect(assessed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'volume', level: 'warn', message: '10 requests from this officer in 24 hours' }),
        expect.objectContaining({ id: 'hours', level: 'warn', message: expect.stringContaining(zone) }),
        expect.objectContaining({ id: 'unusual_type', level: 'warn', message: expect.stringMatching(/court order/) }),
      ]),
    );
    expect(signals(assessed)).not.toContain('first_request');
  });
});
