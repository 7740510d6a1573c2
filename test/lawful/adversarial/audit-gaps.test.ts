/**
 * Attack class 6: audit gaps. Every list and view of lawful data (reviewers and officers), every refused read (another
 * agency's request, answered 404) and every refused decision leaves an audit entry naming the actor and the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../../src/core/audit/index.ts';
import { officerOf } from '../../../src/lawful/intake.ts';
import { checklist, newAgency, newOfficer, startTarget, subpoena, type Headers, type Target } from '../attacker.ts';

let t: Target;
let admin: Headers;
let reviewer: Headers;
let officer: Headers;
let outsider: Headers;
let id: string;
let otherAgency: string;

const idOf = async (h: Headers) => (await t.call('GET', '/api/auth/me', h)).body.id as string;
/** The newest entries of one action by one actor (about one request, when given). */
const entries = async (actor: Headers, action: string, objectId?: string) =>
  listAuditEntries(t.ctx.db, { limit: 50, action, actorId: await idOf(actor), ...(objectId ? { objectId } : {}) });

beforeAll(async () => {
  t = await startTarget();
  admin = await t.staff('admin');
  reviewer = await t.staff('legal_reviewer');
  const a = await newAgency(t, admin, 'Audit Police', ['audit-police.gov']);
  const b = await newAgency(t, admin, 'Other Police', ['other-police.gov']);
  otherAgency = b;
  officer = await newOfficer(t, admin, a, 'officer-au', 'kim@audit-police.gov');
  outsider = await newOfficer(t, admin, b, 'officer-ot', 'lee@other-police.gov');
  const r = await t.call('POST', '/api/lawful/portal/requests', officer, subpoena(['someone@example.org']));
  expect(r.status).toBe(201);
  id = r.body.id as string;
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('6. every list, view, refused read and refused decision is audited', () => {
  it('lists, by reviewers and by officers', async () => {
    expect((await t.call('GET', '/api/lawful/requests?state=submitted', reviewer)).status).toBe(200);
    const [review] = await entries(reviewer, 'lawful_request.listed');
    expect(review).toMatchObject({ actor_id: await idOf(reviewer) });
    expect(review!.details).toMatchObject({ list: 'review', state: 'submitted' });
    expect((await t.call('GET', '/api/lawful/portal/requests', officer)).status).toBe(200);
    const [portal] = await entries(officer, 'lawful_request.listed');
    expect(portal!.details).toMatchObject({ list: 'portal', count: 1 });
  });

  it('views, by reviewers and by officers', async () => {
    expect((await t.call('GET', `/api/lawful/requests/${id}`, reviewer)).status).toBe(200);
    expect(await entries(reviewer, 'lawful_request.viewed', id)).toHaveLength(1);
    expect((await t.call('GET', `/api/lawful/portal/requests/${id}`, officer)).status).toBe(200);
    const [view] = await entries(officer, 'lawful_request.viewed', id);
    expect(view!.details).toMatchObject({ by: 'officer' });
  });

  it("another agency's request is answered 404 and the refusal audited with its reason", async () => {
    for (const path of [`/api/lawful/portal/requests/${id}`, `/api/lawful/portal/requests/${id}/productions`]) {
      const r = await t.call('GET', path, outsider);
      expect(r.status, path).toBe(404);
    }
    const refused = await entries(outsider, 'lawful_request.read_refused', id);
    expect(refused).toHaveLength(2);
    expect(refused[0]!.details).toMatchObject({ reason: 'another agency’s request' });
    // The caller learns nothing: a request that does not exist gets the same answer, audited with its own reason.
    const none = '00000000-0000-4000-8000-000000000000';
    expect((await t.call('GET', `/api/lawful/portal/requests/${none}`, outsider)).status).toBe(404);
    const [missing] = await entries(outsider, 'lawful_request.read_refused', none);
    expect(missing!.details).toMatchObject({ reason: 'no such request' });
  });

  it('refused decisions and disclosures are audited with the step and the reason', async () => {
    // Disclosing without any decision, then deciding with an empty rights checklist.
    expect((await t.call('POST', `/api/lawful/requests/${id}/disclose`, reviewer)).status).toBe(409);
    const [disclose] = await entries(reviewer, 'lawful_request.step_refused', id);
    expect(disclose!.details).toMatchObject({ step: 'disclose', status: 409 });
    expect(String(disclose!.details.reason)).toMatch(/cannot disclose/);

    await t.call('POST', `/api/lawful/requests/${id}/review`, reviewer);
    const decided = await t.call('POST', `/api/lawful/requests/${id}/decision`, reviewer, {
      decision: 'produce',
      reasons: 'lawful',
      checklist: {},
    });
    expect(decided.status).toBe(400);
    const [decision] = await entries(reviewer, 'lawful_request.step_refused', id);
    expect(decision!.details).toMatchObject({ step: 'decide', status: 400 });
    expect(String(decision!.details.reason)).toMatch(/checklist/);

    // A second approval by the decider of a request that is not waiting for one.
    const emergency = await t.call('POST', '/api/lawful/portal/requests', officer, {
      ...subpoena(['someone@example.org']),
      request_type: 'emergency_disclosure',
      emergency_narrative: 'Imminent danger to life, details attached.',
    });
    const eid = emergency.body.id as string;
    await t.call('POST', `/api/lawful/requests/${eid}/review`, reviewer);
    await t.call('POST', `/api/lawful/requests/${eid}/decision`, reviewer, {
      decision: 'reject',
      reasons: 'not credible',
      checklist,
    });
    const self = await t.call('POST', `/api/lawful/requests/${eid}/second-approval`, reviewer, {
      agree: true,
      reasons: 'me again',
    });
    expect(self.status).toBe(409);
    const [approval] = await entries(reviewer, 'lawful_request.step_refused', eid);
    expect(approval!.details).toMatchObject({ step: 'second_approval' });
    expect(approval!.actor_id).toBe(await idOf(reviewer));
  });

  it("an officer refused for their agency's suspension (403) is audited with the reason", async () => {
    const userId = await idOf(outsider);
    expect(
      (await t.call('POST', `/api/lawful/agencies/${otherAgency}/status`, admin, { status: 'suspended' })).status,
    ).toBe(204);
    // Suspension ends the officer's sessions (401 at once); a later sign-in with both factors reaches the check.
    expect((await t.call('GET', '/api/lawful/portal/requests', outsider)).status).toBe(401);
    const signedIn = {
      kind: 'session',
      userId,
      username: 'officer-ot',
      role: 'agency_officer',
      mfaVerified: true,
    } as const;
    await expect(officerOf(t.ctx, signedIn)).rejects.toMatchObject({ status: 403 });
    await expect(officerOf(t.ctx, { ...signedIn, kind: 'token' })).rejects.toMatchObject({ status: 403 });
    const refused = await entries(outsider, 'lawful_officer.refused');
    expect(refused.map((e) => e.details.reason)).toEqual([
      'officers act only when signed in with their second factor, never through an API token',
      "this officer's agency is suspended",
    ]);
  });
});
