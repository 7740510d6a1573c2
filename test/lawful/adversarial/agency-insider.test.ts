/**
 * Found by an outside attacker: a legal reviewer whose own address is on the requesting agency's domain (placed
 * there, or a colleague of the requester) decided on and approved that agency's requests. Over HTTP, real database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectNoDisclosure,
  newAgency,
  newOfficer,
  pushAlone,
  staffAccount,
  startTarget,
  tokenOfAccount,
  subpoena,
  type Headers,
  type Target,
} from '../attacker.ts';

let t: Target;
let officer: Headers;

const reviewerWith = async (username: string, email: string) =>
  tokenOfAccount(t, await staffAccount(t, username, 'legal_reviewer', email));

beforeAll(async () => {
  t = await startTarget();
  const admin = await t.staff('admin');
  const agency = await newAgency(t, admin, 'Insider Police', ['insider-police.gov']);
  officer = await newOfficer(t, admin, agency, 'officer-in', 'jo@insider-police.gov');
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe("a reviewer on the requesting agency's domain", () => {
  for (const email of ['rev@insider-police.gov', 'Other+x@INSIDER-POLICE.GOV.', 'rev@mail.insider-police.gov']) {
    it(`(${email}) cannot decide on its requests`, async () => {
      const insider = await reviewerWith(`insider-${Math.random().toString(36).slice(2, 8)}`, email);
      const r = await t.call('POST', '/api/lawful/portal/requests', officer, subpoena(['someone@example.org']));
      expect(r.status).toBe(201);
      const pushed = await pushAlone(t, insider, officer, r.body.id as string);
      expect(pushed.decided.status, email).toBe(403);
      expect(String(pushed.decided.body.detail)).toMatch(/agency's domain/);
      expectNoDisclosure(pushed, email);
    });
  }

  it('control: a reviewer from elsewhere decides', async () => {
    const outside = await reviewerWith('outside-rev', 'rev@provider.example');
    const r = await t.call('POST', '/api/lawful/portal/requests', officer, subpoena(['someone@example.org']));
    const pushed = await pushAlone(t, outside, officer, r.body.id as string);
    expect(pushed.decided.status).toBe(200);
  });
});
