/**
 * Attack class 3: registering a look-alike as its own agency, so the sender check compares the forger's domain with
 * itself. Registration and new domains are reviewed by a second person, who sees the look-alike evidence. Over HTTP,
 * real database; no forged request reaches disclosure.
 */
import { domainToASCII } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectNoDisclosure,
  newAgency,
  pushAlone,
  startTarget,
  subpoena,
  type Headers,
  type Target,
} from '../attacker.ts';

let t: Target;
let admin: Headers;
let insider: Headers;
let approver: Headers;
let reviewer: Headers;
let cityPolice: string;

const register = (by: Headers, name: string, domains: string[]) =>
  t.call('POST', '/api/lawful/agencies', by, {
    name,
    country: 'GB',
    agency_type: 'police',
    legal_authority: 'Investigatory Powers Act 2016',
    email_domains: domains,
  });
const decide = (by: Headers, change: string, body: Record<string, unknown>) =>
  t.call('POST', `/api/lawful/agency-changes/${change}/decision`, by, { reasons: 'reviewed', ...body });

beforeAll(async () => {
  t = await startTarget();
  admin = await t.staff('admin');
  insider = await t.staff('admin');
  approver = await t.staff('admin');
  reviewer = await t.staff('legal_reviewer');
  cityPolice = await newAgency(t, admin, 'City Police', ['police-city.gov']);
  await newAgency(t, admin, 'National Crime Agency', ['nca.gov.uk']);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

/** A forged request "received by e-mail" from the look-alike agency, pushed as far as one reviewer can. */
async function forgedFrom(agency: string, sender: string) {
  const r = await t.call('POST', '/api/lawful/requests', reviewer, {
    ...subpoena(['victim@example.org']),
    agency_id: agency,
    sender_email: sender,
  });
  expect(r.status).toBe(201);
  const id = r.body.id as string;
  return pushAlone(t, reviewer, {}, id);
}

describe('3. a look-alike registered as its own agency', () => {
  const lookalikes = [
    'po1ice-city.gov',
    'policecity.gov',
    'police--city.gov',
    'police-city.gov.co',
    'police-city.com',
    'police-city.gov.example.net',
    domainToASCII('p\u043elice-city.gov'),
    'nca-secure.gov.uk',
    'secure-nca.org',
    'nca.gov.uk.verify-portal.com',
  ];
  for (const domain of lookalikes) {
    it(`${domain}: pending, flagged with evidence, and never active without a second person`, async () => {
      const r = await register(insider, `Look-alike ${domain}`, [domain]);
      expect(r.status).toBe(201);
      expect(r.body.status).toBe('pending');
      const flags = r.body.flags as { resembles: string; why: string }[];
      expect(flags.length, domain).toBeGreaterThan(0);
      const agency = r.body.id as string;
      const change = r.body.change_id as string;
      // The registrant cannot approve it, nor make it active another way.
      expect((await decide(insider, change, { approve: true, acknowledge_lookalikes: true })).status).toBe(403);
      expect(
        (await t.call('POST', `/api/lawful/agencies/${agency}/status`, insider, { status: 'active' })).status,
      ).toBe(409);
      // The approver sees the evidence: listed, and in the 409 of an approval that did not acknowledge it.
      const listed = await t.call('GET', '/api/lawful/agency-changes?status=pending', approver);
      const entry = (listed.body.changes as { id: string; flags: unknown[] }[]).find((c) => c.id === change);
      expect(entry?.flags.length).toBeGreaterThan(0);
      const blind = await decide(approver, change, { approve: true });
      expect(blind.status).toBe(409);
      expect((blind.body.lookalikes as unknown[]).length).toBeGreaterThan(0);
      // While pending, a forged request from it goes nowhere.
      expectNoDisclosure(await forgedFrom(agency, `duty@${domain}`), domain);
      await decide(approver, change, { approve: false });
    });
  }

  it('adding a look-alike domain to an existing agency is reviewed the same way', async () => {
    const agency = await newAgency(t, admin, 'County Sheriff', ['sheriff.county.gov']);
    const r = await t.call('POST', `/api/lawful/agencies/${agency}/domains`, insider, { domain: 'po1ice-city.gov' });
    expect(r.status).toBe(201);
    expect((r.body.flags as unknown[]).length).toBeGreaterThan(0);
    expect(
      (await decide(insider, r.body.change_id as string, { approve: true, acknowledge_lookalikes: true })).status,
    ).toBe(403);
    // Not added while pending: a request from the look-alike is still blocked on its domain.
    expectNoDisclosure(await forgedFrom(agency, 'duty@po1ice-city.gov'), 'pending domain');
  });

  it('a pending look-alike registration does not make its domain count as a real one', async () => {
    const r = await register(insider, 'Po1ice City', ['po1ice-city.gov']);
    expect(r.body.status).toBe('pending');
    const forged = await forgedFrom(cityPolice, 'duty@po1ice-city.gov');
    expect(forged.assessment).toContainEqual(expect.objectContaining({ id: 'lookalike_domain', level: 'block' }));
    expectNoDisclosure(forged, 'sender on a pending look-alike');
  });

  it('control: an unrelated agency is not flagged, and once approved by another person it is active', async () => {
    const r = await register(insider, 'Harbour Police', ['harbour.example.gov']);
    expect(r.body.flags).toEqual([]);
    expect((await decide(approver, r.body.change_id as string, { approve: true })).status).toBe(200);
  });
});
