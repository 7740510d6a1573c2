/**
 * A request's legal basis, issuing authority, case number and emergency narrative are sealed at rest (AES-256-GCM,
 * each bound to its column): the raw row never holds them in clear, views open them through the keyring, and rows
 * older versions wrote in plaintext are sealed at start-up. Over HTTP, real DB.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealLegacyRequestText } from '../../src/lawful/request-text.ts';
import { newAgency, newOfficer, startTarget, subpoena, type Headers, type Target } from './attacker.ts';

let t: Target;
let reviewer: Headers;
let officer: Headers;
let id: string;
const BASIS = 'Section 61, threat to life (sealed-test)';
const AUTHORITY = 'Duty superintendent Okafor';
const CASE = 'EM-2026-SEALED-77';
const NARRATIVE = 'A missing person has threatened to end their life tonight (sealed-test).';

const rawRow = async (rid: string) =>
  (await sql<Record<string, unknown>>`select * from lawful_requests where id = ${rid}`.execute(t.ctx.db)).rows[0]!;

beforeAll(async () => {
  t = await startTarget();
  const admin = await t.staff('admin');
  reviewer = await t.staff('legal_reviewer');
  const agency = await newAgency(t, admin, 'Sealed Police', ['sealed-police.gov']);
  officer = await newOfficer(t, admin, agency, 'officer-sl', 'kim@sealed-police.gov');
  const r = await t.call('POST', '/api/lawful/portal/requests', officer, {
    ...subpoena(['sam.t@example.org']),
    request_type: 'emergency_disclosure',
    legal_basis: BASIS,
    issuing_authority: AUTHORITY,
    case_number: CASE,
    emergency_narrative: NARRATIVE,
  });
  expect(r.status).toBe(201);
  id = r.body.id as string;
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('request text sealed at rest', () => {
  it('the raw row holds none of the text in clear, only enc:v1 values', async () => {
    const row = await rawRow(id);
    const raw = JSON.stringify(row);
    for (const plain of [BASIS, AUTHORITY, CASE, NARRATIVE, 'sealed-test', 'Okafor']) expect(raw).not.toContain(plain);
    expect(row).toMatchObject({ legal_basis: null, issuing_authority: null, case_number: null });
    for (const column of ['legal_basis_enc', 'issuing_authority_enc', 'case_number_enc', 'emergency_narrative_enc'])
      expect(row[column], column).toMatch(/^enc:v1:/);
  });

  it('views open it: the reviewer sees the text, the officer the case number, the reveal the narrative', async () => {
    const view = await t.call('GET', `/api/lawful/requests/${id}`, reviewer);
    expect(view.body).toMatchObject({ legal_basis: BASIS, issuing_authority: AUTHORITY, case_number: CASE });
    const list = await t.call('GET', '/api/lawful/requests', reviewer);
    expect(list.body.requests).toEqual([expect.objectContaining({ id, case_number: CASE, legal_basis: BASIS })]);
    const own = await t.call('GET', `/api/lawful/portal/requests/${id}`, officer);
    expect(own.body).toMatchObject({ case_number: CASE });
    const revealed = await t.call('POST', `/api/lawful/requests/${id}/reveal`, reviewer, {
      reason: 'checking the narrative before the callback',
    });
    expect(revealed.body.emergency_narrative).toBe(NARRATIVE);
  });

  it('a row an older version wrote in plaintext reads as before, and start-up seals it once', async () => {
    await sql`update lawful_requests set legal_basis = ${BASIS}, issuing_authority = ${AUTHORITY},
      case_number = ${CASE}, legal_basis_enc = null, issuing_authority_enc = null, case_number_enc = null
      where id = ${id}`.execute(t.ctx.db);
    expect(JSON.stringify(await rawRow(id))).toContain(BASIS);
    const before = await t.call('GET', `/api/lawful/requests/${id}`, reviewer);
    expect(before.body).toMatchObject({ legal_basis: BASIS, issuing_authority: AUTHORITY, case_number: CASE });

    expect(await sealLegacyRequestText(t.ctx)).toBe(1);
    expect(await sealLegacyRequestText(t.ctx)).toBe(0);
    const raw = JSON.stringify(await rawRow(id));
    for (const plain of [BASIS, AUTHORITY, CASE]) expect(raw).not.toContain(plain);
    const after = await t.call('GET', `/api/lawful/requests/${id}`, reviewer);
    expect(after.body).toMatchObject({ legal_basis: BASIS, issuing_authority: AUTHORITY, case_number: CASE });
  });
});
