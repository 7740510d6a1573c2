/**
 * Attack class 8: who may reveal identifiers. Revealing is its own permission (`lawful:reveal`), a POST with a stated
 * reason in the body, audited with that reason; lists and views show masked targets only. Over HTTP, real DB.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAgency, newOfficer, startTarget, subpoena, type Headers, type Target } from '../attacker.ts';

let t: Target;
let reviewer: Headers;
let auditor: Headers;
let id: string;
const TARGET = 'amira.k@example.org';
const REASON = 'confirming the subscriber before the production is prepared';

beforeAll(async () => {
  t = await startTarget();
  const admin = await t.staff('admin');
  reviewer = await t.staff('legal_reviewer');
  auditor = await t.staff('auditor');
  const agency = await newAgency(t, admin, 'Reveal Police', ['reveal-police.gov']);
  const officer = await newOfficer(t, admin, agency, 'officer-rv', 'jane@reveal-police.gov');
  const r = await t.call('POST', '/api/lawful/portal/requests', officer, subpoena([TARGET, '+44 20 7946 0018']));
  expect(r.status).toBe(201);
  id = r.body.id as string;
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const reveals = async () =>
  (
    await sql<{ n: string }>`select count(*) as n from audit_events
      where action = 'lawful_request.targets_revealed' and object_id = ${id}`.execute(t.ctx.db)
  ).rows[0]!.n;

describe('8. who may reveal identifiers', () => {
  it('an auditor can read the request but cannot reveal its targets', async () => {
    expect((await t.call('GET', `/api/lawful/requests/${id}`, auditor)).status).toBe(200);
    const r = await t.call('POST', `/api/lawful/requests/${id}/reveal`, auditor, { reason: REASON });
    expect(r.status).toBe(403);
    expect(JSON.stringify(r.body)).not.toContain(TARGET);
  });

  it('a reviewer without a reason, or with a too-short or blank one, cannot reveal', async () => {
    for (const body of [
      {},
      { reason: 'because' },
      { reason: '           ' },
      // Found by an outside attacker: invisible characters and padding are not a reason.
      { reason: '\u200B'.repeat(11) },
      { reason: '          x' },
      { reason: '\u00A0'.repeat(10) + 'x' },
      undefined,
    ]) {
      const r = await t.call('POST', `/api/lawful/requests/${id}/reveal`, reviewer, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(r.body)).not.toContain(TARGET);
    }
    expect(Number(await reveals())).toBe(0);
  });

  it('a reason in the query string is refused, and the old `?reveal=true` view no longer reveals', async () => {
    const q = await t.call('POST', `/api/lawful/requests/${id}/reveal?reason=${encodeURIComponent(REASON)}`, reviewer, {
      reason: REASON,
    });
    expect(q.status).toBe(400);
    const old = await t.call('GET', `/api/lawful/requests/${id}?reveal=true`, reviewer);
    expect(old.status).toBe(400);
    expect(JSON.stringify(old.body)).not.toContain(TARGET);
    expect(Number(await reveals())).toBe(0);
  });

  it('list and view show masked targets only', async () => {
    const list = await t.call('GET', '/api/lawful/requests', reviewer);
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain('amira');
    const view = await t.call('GET', `/api/lawful/requests/${id}`, reviewer);
    expect(view.body.targets).toBe(2);
    expect(view.body.targets_masked).toEqual(['a•••@•••.org', '•••18']);
    expect(JSON.stringify(view.body)).not.toContain('amira');
    expect(JSON.stringify(view.body)).not.toContain('7946');
  });

  it('a reviewer with a reason reveals, and the reveal is audited with the reason', async () => {
    const r = await t.call('POST', `/api/lawful/requests/${id}/reveal`, reviewer, { reason: REASON });
    expect(r.status).toBe(200);
    expect(r.body.target_identifiers).toEqual([TARGET, '+44 20 7946 0018']);
    const audit = await sql<{ details: { reason: string }; actor_label: string }>`select details, actor_label
      from audit_events where action = 'lawful_request.targets_revealed' and object_id = ${id}`.execute(t.ctx.db);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.details.reason).toBe(REASON);
  });

  it('an admin may reveal by default (policy)', async () => {
    const r = await t.call('POST', `/api/lawful/requests/${id}/reveal`, await t.staff('admin'), { reason: REASON });
    expect(r.status).toBe(200);
  });

  it('an unknown state filter answers 400 naming the field, not an empty list', async () => {
    const r = await t.call('GET', '/api/lawful/requests?state=dislcosed', reviewer);
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('state');
    expect((await t.call('GET', '/api/lawful/requests?state=submitted', reviewer)).status).toBe(200);
  });
});
