/**
 * Attack class 2: satisfying the callback safeguard alone. A reviewer (or whoever holds a reviewer's account)
 * enters a forged request received by e-mail, then tries to confirm it by "calling back" a number of their choosing.
 * Over HTTP, real database; each attack ends with nothing disclosed and nothing downloadable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checklist,
  expectNoDisclosure,
  newAgency,
  newOfficer,
  outcome,
  pushAlone,
  startTarget,
  subpoena,
  type Headers,
  type Target,
} from '../attacker.ts';

let t: Target;
let admin: Headers;
let registrar: Headers;
let reviewer: Headers;
let officer: Headers;
let agency: string;
let trusted: string;

const contact = (phone: string) => ({
  name: 'Duty desk',
  role: 'duty officer',
  phone,
  source: 'switchboard number from the official directory',
});
async function addContact(by: Headers, phone: string) {
  const r = await t.call('POST', `/api/lawful/agencies/${agency}/contacts`, by, contact(phone));
  expect(r.status).toBe(201);
  return r.body.id as string;
}
const verify = (by: Headers, id: string) => t.call('POST', `/api/lawful/agencies/${agency}/contacts/${id}/verify`, by);
const callback = (id: string, contactId: string, outcome = 'confirmed') =>
  t.call('POST', `/api/lawful/requests/${id}/callbacks`, reviewer, { contact_id: contactId, outcome, notes: 'called' });

/** A forged request as the attacker enters it: "received by e-mail" from an agency address. */
async function forged(extra: Record<string, unknown> = {}) {
  const r = await t.call('POST', '/api/lawful/requests', reviewer, {
    ...subpoena(['victim@example.org']),
    agency_id: agency,
    sender_email: 'duty@callback-police.gov',
    ...extra,
  });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

beforeAll(async () => {
  t = await startTarget();
  admin = await t.staff('admin');
  registrar = await t.staff('admin');
  reviewer = await t.staff('legal_reviewer');
  agency = await newAgency(t, admin, 'Callback Police', ['callback-police.gov']);
  officer = await newOfficer(t, admin, agency, 'officer-cb', 'jane@callback-police.gov');
  trusted = await addContact(admin, '+1 202 555 0100');
  expect((await verify(registrar, trusted)).status).toBe(204);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('2. the callback safeguard cannot be satisfied by one reviewer', () => {
  it('a contact the reviewer adds counts for nothing until another person verifies it', async () => {
    const id = await forged();
    const own = await addContact(reviewer, '+1 202 555 0199');
    expect((await callback(id, own)).status).toBe(400);
    const self = await verify(reviewer, own);
    expect(self.status).toBe(403);
    expect(self.body.type).toBeDefined();
    expectNoDisclosure(await pushAlone(t, reviewer, officer, id), 'own unverified contact');
  });

  it('a contact verified after the request arrived does not count', async () => {
    const id = await forged();
    const late = await addContact(reviewer, '+1 202 555 0198');
    expect((await verify(registrar, late)).status).toBe(204);
    expect((await callback(id, late)).status).toBe(400);
    expectNoDisclosure(await pushAlone(t, reviewer, officer, id), 'contact verified after the request');
  });

  it('a number written in the request never counts, however it is spelled', async () => {
    const planted = await addContact(admin, '+1 202 555 0177');
    expect((await verify(registrar, planted)).status).toBe(204);
    for (const spelling of [
      'tel:+1 (202) 555-0177',
      '001 202 555 0177',
      '+1\u200B202\u2011555\u20130177',
      // Found by an outside attacker: other scripts' digits, no `+`, national forms, 011, full-width mixed.
      '+١٢٠٢٥٥٥٠١٧٧',
      '２０２５５５０١٧٧',
      '202-555-0177',
      '(202) 555-0177',
      '2025550177',
      '12025550177',
      '1-202-555-0177',
      'call 202.555.0177',
      '011 1 202 555 0177',
    ]) {
      const id = await forged({
        request_type: 'emergency_disclosure',
        emergency_narrative: `Imminent danger. Call me back to confirm on ${spelling} at any hour.`,
      });
      expect((await callback(id, planted)).status, spelling).toBe(400);
      expectNoDisclosure(await pushAlone(t, reviewer, officer, id), spelling);
    }
  });

  it('whoever confirms the callback cannot decide alone', async () => {
    const id = await forged();
    expect((await callback(id, trusted)).status).toBe(200);
    const r = await pushAlone(t, reviewer, officer, id);
    expect(r.decided.body.state).toBe('awaiting_second_approval');
    expectNoDisclosure(r, 'callback and decision by one person');
  });

  it('the latest callback outcome wins: not confirmed after confirmed blocks again', async () => {
    const id = await forged();
    expect((await callback(id, trusted, 'confirmed')).status).toBe(200);
    expect((await callback(id, trusted, 'not_confirmed')).status).toBe(200);
    const r = await pushAlone(t, reviewer, officer, id);
    expect(r.assessment).toContainEqual(expect.objectContaining({ id: 'officer', level: 'block' }));
    expectNoDisclosure(r, 'not confirmed after confirmed');
  });

  it('a confirming callback recorded by the decider after approval makes a second person necessary again', async () => {
    const colleague = await t.staff('legal_reviewer');
    const id = await forged();
    await t.call('POST', `/api/lawful/requests/${id}/callbacks`, colleague, {
      contact_id: trusted,
      outcome: 'confirmed',
      notes: 'confirmed by the duty desk',
    });
    await t.call('POST', `/api/lawful/requests/${id}/review`, reviewer);
    const decided = await t.call('POST', `/api/lawful/requests/${id}/decision`, reviewer, {
      decision: 'produce',
      reasons: 'confirmed by a colleague',
      checklist,
    });
    expect(decided.body.state).toBe('approved');
    // The decider now records the latest confirmation themself: their word and decision would be one person's.
    expect((await callback(id, trusted)).status).toBe(200);
    expect((await t.call('POST', `/api/lawful/requests/${id}/disclose`, reviewer)).status).toBe(409);
    expectNoDisclosure(await outcome(t, reviewer, officer, id), 'late callback by the decider');
    // The callback changed what the decision rested on: review re-opened (issue 22 item 5), a fresh decision by the
    // confirmer waits for another person. Not stuck: another person can still agree.
    const again = await t.call('POST', `/api/lawful/requests/${id}/decision`, reviewer, {
      decision: 'produce',
      reasons: 'decided again after the callback',
      checklist,
    });
    expect(again.body.state).toBe('awaiting_second_approval');
    const agreed = await t.call('POST', `/api/lawful/requests/${id}/second-approval`, colleague, {
      agree: true,
      reasons: 'checked',
    });
    expect(agreed.status).toBe(200);
  });

  it('a callback on a final request is refused with a 409 problem', async () => {
    const id = await forged();
    await t.call('POST', `/api/lawful/requests/${id}/review`, reviewer);
    const rejected = await t.call('POST', `/api/lawful/requests/${id}/decision`, reviewer, {
      decision: 'reject',
      reasons: 'forged',
      checklist,
    });
    expect(rejected.body.state).toBe('rejected');
    const late = await callback(id, trusted);
    expect(late.status).toBe(409);
    expect(late.body.type).toBeDefined();
    expectNoDisclosure(await outcome(t, reviewer, officer, id), 'callback after the end');
  });
});
