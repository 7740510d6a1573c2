/**
 * Attack class 4: one person playing both reviewers through two accounts (two roles, two spellings of one e-mail
 * address). Over HTTP, real database; nothing is disclosed, nothing downloadable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../src/core/auth/permissions.ts';
import { updateUser } from '../../../src/core/auth/users-store.ts';
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
let admin: Headers;
let officer: Headers;

const tokenOf = (userId: string) => tokenOfAccount(t, userId);
const account = (username: string, role: Role, email?: string) => staffAccount(t, username, role, email);

beforeAll(async () => {
  // Subpoenas need two reviewers here, so the attack is about who counts as the second one.
  t = await startTarget({ ACCORD_LAWFUL_TWO_PERSON_TYPES: 'subpoena' });
  admin = await t.staff('admin');
  const agency = await newAgency(t, admin, 'Person Police', ['person-police.gov']);
  officer = await newOfficer(t, admin, agency, 'officer-pp', 'jane@person-police.gov');
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('4. the two-person rule counts people, not accounts', () => {
  it('a second active account for one e-mail address, in any spelling, is refused with 409', async () => {
    await account('mallory', 'legal_reviewer', 'mallory@example.org');
    for (const [i, email] of ['Mallory@Example.ORG', 'mallory+second@example.org', 'MALLORY+x@EXAMPLE.org'].entries()) {
      const r = await t.call('POST', '/api/users', admin, { username: `mallory-${i}`, role: 'admin', email });
      expect(r.status, email).toBe(409);
      expect(r.body.type, email).toBeDefined();
    }
    // Spellings the HTTP schema refuses anyway are refused by the account rule too (CLI, imports).
    await expect(account('mallory-wide', 'admin', 'ｍａｌｌｏｒｙ@example.org')).rejects.toMatchObject({ status: 409 });
    // An officer account is an account too.
    const agencyless = await t.call('POST', '/api/users', admin, {
      username: 'mallory-officer',
      role: 'agency_officer',
      email: 'MALLORY@example.org',
    });
    expect(agencyless.status).toBe(409);
  });

  it('two accounts of one person (existing data) cannot decide and approve', async () => {
    const first = await account('eve-reviewer', 'legal_reviewer', 'eve@example.org');
    const second = await account('eve-admin', 'admin');
    // Data from before the rule: the second account got the same address (another spelling) directly.
    await updateUser(t.ctx.db, second, { email: 'Eve+admin@EXAMPLE.org' });
    const asReviewer = await tokenOf(first);
    const asAdmin = await tokenOf(second);
    const submitted = await t.call('POST', '/api/lawful/portal/requests', officer, subpoena(['x@example.net']));
    const id = submitted.body.id as string;
    const r = await pushAlone(t, asReviewer, officer, id);
    expect(r.decided.body.state).toBe('awaiting_second_approval');
    const approval = await t.call('POST', `/api/lawful/requests/${id}/second-approval`, asAdmin, {
      agree: true,
      reasons: 'looks fine to me (and to me)',
    });
    expect(approval.status).toBe(403);
    expect((await t.call('POST', `/api/lawful/requests/${id}/disclose`, asAdmin)).status).toBe(409);
    expectNoDisclosure(await pushAlone(t, asAdmin, officer, id), 'second account of the decider');
  });

  it('control: two different people can', async () => {
    const a = await tokenOf(await account('rev-a', 'legal_reviewer', 'a@example.org'));
    const b = await tokenOf(await account('rev-b', 'legal_reviewer', 'b@example.org'));
    const id = (await t.call('POST', '/api/lawful/portal/requests', officer, subpoena(['y@example.net']))).body
      .id as string;
    await pushAlone(t, a, officer, id);
    const approval = await t.call('POST', `/api/lawful/requests/${id}/second-approval`, b, {
      agree: true,
      reasons: 'agreed',
    });
    expect(approval.status).toBe(200);
  });
});
