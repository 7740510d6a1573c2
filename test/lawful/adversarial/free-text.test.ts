/**
 * Attack class 7: identifiers in free text. A targeted person's identifier typed into a clarification answer (or a
 * reason, a note) flags the request like a targeted target; the text itself is sealed at rest. Over HTTP, real DB.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealLegacyStepText } from '../../../src/lawful/free-text.ts';
import { targetedPeople } from '../../support/targeting.ts';
import {
  expectNoDisclosure,
  newAgency,
  newOfficer,
  pushAlone,
  startTarget,
  subpoena,
  type Headers,
  type Target,
} from '../attacker.ts';

let t: Target;
let reviewer: Headers;
let officer: Headers;

beforeAll(async () => {
  t = await startTarget();
  const admin = await t.staff('admin');
  reviewer = await t.staff('legal_reviewer');
  const agency = await newAgency(t, admin, 'Text Police', ['text-police.gov']);
  officer = await newOfficer(t, admin, agency, 'officer-ft', 'jane@text-police.gov');
  await targetedPeople(t.ctx, 'Predator (free text)', 'c2.free-text.example', [
    'amira.k@example.org',
    '+44 20 7946 0018',
  ]);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

async function clarified(answer: string) {
  const r = await t.call('POST', '/api/lawful/portal/requests', officer, subpoena(['unrelated@example.net']));
  expect(r.status).toBe(201);
  const id = r.body.id as string;
  expect((await t.call('POST', `/api/lawful/requests/${id}/review`, reviewer)).status).toBe(200);
  const asked = await t.call('POST', `/api/lawful/requests/${id}/clarification`, reviewer, {
    question: 'Which account exactly? Call me on +1 202 555 0142.',
  });
  expect(asked.status).toBe(200);
  const answered = await t.call('POST', `/api/lawful/portal/requests/${id}/clarification`, officer, { answer });
  expect(answered.status).toBe(200);
  return id;
}

describe('7. identifiers in free text', () => {
  it('a targeted e-mail typed into a clarification answer escalates; one reviewer alone cannot disclose', async () => {
    const id = await clarified('The subscriber also uses AMIRA.K+news@Example.org\u200B for the same service.');
    const view = await t.call('GET', `/api/lawful/requests/${id}`, reviewer);
    const signal = (view.body.assessment as { id: string; level: string }[]).find((s) => s.id === 'targeted_in_text');
    expect(signal?.level).toBe('escalate');
    const result = await pushAlone(t, reviewer, officer, id);
    expect(result.state).toBe('awaiting_second_approval');
    expectNoDisclosure(result, 'targeted e-mail in an answer');
  });

  it('a targeted phone number in another spelling flags the request too', async () => {
    const id = await clarified('Or by phone: 0044 (20) 7946-0018');
    const view = await t.call('GET', `/api/lawful/requests/${id}`, reviewer);
    expect((view.body.assessment as { id: string }[]).map((s) => s.id)).toContain('targeted_in_text');
    expectNoDisclosure(await pushAlone(t, reviewer, officer, id), 'targeted number in an answer');
  });

  it('an answer naming nobody targeted raises nothing, and reviewers still read the text', async () => {
    const id = await clarified('Only the account unrelated@example.net, no other.');
    const view = await t.call('GET', `/api/lawful/requests/${id}`, reviewer);
    expect((view.body.assessment as { id: string }[]).map((s) => s.id)).not.toContain('targeted_in_text');
    const steps = view.body.steps as { kind: string; details: Record<string, unknown> }[];
    expect(steps.some((s) => s.details.answer === 'Only the account unrelated@example.net, no other.')).toBe(true);
    const portal = await t.call('GET', `/api/lawful/portal/requests/${id}`, officer);
    expect(JSON.stringify(portal.body)).toContain('Which account exactly?');
  });

  it('no question, answer, reason or note is stored in plaintext', async () => {
    const id = await clarified('Plain answer amira.k@example.org');
    await t.call('POST', `/api/lawful/requests/${id}/decision`, reviewer, {
      decision: 'reject',
      reasons: 'overbroad, names +44 20 7946 0018',
      checklist: Object.fromEntries(
        [
          'legal_basis_and_jurisdiction',
          'judicial_authorisation_for_content',
          'specific_and_narrow',
          'necessary_and_proportionate',
          'legitimate_aim',
          'offence_used_against_speech_or_protest',
          'country_human_rights_risk',
          'target_journalist_activist_or_defender',
          'user_can_be_notified',
        ].map((c) => [c, { answer: 'no', note: 'secret-note amira.k@example.org' }]),
      ),
    });
    const rows = await sql<{ details: unknown; text_enc: string | null }>`
      select details, text_enc from lawful_review_steps where request_id = ${id}`.execute(t.ctx.db);
    expect(rows.rows.length).toBeGreaterThanOrEqual(4);
    const stored = JSON.stringify(rows.rows);
    for (const plain of ['Which account', 'Plain answer', 'amira.k', 'overbroad', '7946', 'secret-note'])
      expect(stored, plain).not.toContain(plain);
    expect(rows.rows.filter((r) => r.text_enc?.startsWith('enc:v1:')).length).toBeGreaterThanOrEqual(3);
  });

  it('the start-up step seals plaintext left by older versions, once, and indexes it', async () => {
    const id = await clarified('nothing here');
    const legacy = randomUUID();
    await sql`insert into lawful_review_steps (id, request_id, kind, reviewer, details)
      values (${legacy}, ${id}, 'callback', 'old', ${JSON.stringify({ outcome: 'confirmed', notes: 'spoke to amira.k@example.org' })}::jsonb)`.execute(
      t.ctx.db,
    );
    expect(await sealLegacyStepText(t.ctx)).toBeGreaterThanOrEqual(1);
    expect(await sealLegacyStepText(t.ctx)).toBe(0);
    const row = await sql<{ details: Record<string, unknown>; text_enc: string; text_indexes: string[] }>`
      select details, text_enc, text_indexes from lawful_review_steps where id = ${legacy}`.execute(t.ctx.db);
    expect(row.rows[0]!.details).toEqual({ outcome: 'confirmed' });
    expect(row.rows[0]!.text_enc).toMatch(/^enc:v1:/);
    expect(row.rows[0]!.text_indexes.length).toBe(1);
    const view = await t.call('GET', `/api/lawful/requests/${id}`, reviewer);
    const steps = view.body.steps as { details: Record<string, unknown> }[];
    expect(steps.some((s) => s.details.notes === 'spoke to amira.k@example.org')).toBe(true);
  });
});
