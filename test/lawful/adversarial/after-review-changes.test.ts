/**
 * Attack class 5: changes after review flow out without review. An officer adds a document after approval, a
 * reviewer attaches a production after disclosure, a callback is recorded after a decision: each re-opens review, and
 * nothing new is downloadable nor any request disclosed again without fresh approvals (both people).
 * Over HTTP, real database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checklist,
  expectNoDisclosure,
  newAgency,
  newOfficer,
  outcome,
  startTarget,
  subpoena,
  type Headers,
  type Target,
} from '../attacker.ts';

let t: Target;
let admin: Headers;
let reviewer: Headers;
let second: Headers;
let officer: Headers;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const post = (path: string, by: Headers, body?: unknown) => t.call('POST', `/api/lawful/requests/${path}`, by, body);
const state = async (id: string) => (await t.call('GET', `/api/lawful/requests/${id}`, reviewer)).body.state;
const attach = (id: string, name: string) =>
  fetch(`${t.base}/api/lawful/requests/${id}/productions?filename=${name}`, {
    method: 'POST',
    headers: { ...reviewer, 'content-type': 'application/octet-stream' },
    body: `account,ip\n${name},192.0.2.1\n`,
  });
const decide = (id: string) => post(`${id}/decision`, reviewer, { decision: 'produce', reasons: 'lawful', checklist });
const agree = (id: string) => post(`${id}/second-approval`, second, { agree: true, reasons: 'checked' });

/** An officer's request, reviewed, decided and agreed by two people: approved. */
async function approved() {
  const r = await t.call('POST', '/api/lawful/portal/requests', officer, subpoena(['someone@example.org']));
  expect(r.status).toBe(201);
  const id = r.body.id as string;
  expect((await post(`${id}/review`, reviewer)).status).toBe(200);
  expect((await decide(id)).body.state).toBe('awaiting_second_approval');
  expect((await agree(id)).body.state).toBe('approved');
  return id;
}

beforeAll(async () => {
  // Subpoenas need two people here: the fresh approvals asked of a re-opened request are both of them.
  t = await startTarget({ ACCORD_LAWFUL_TWO_PERSON_TYPES: 'subpoena' });
  admin = await t.staff('admin');
  reviewer = await t.staff('legal_reviewer');
  second = await t.staff('legal_reviewer');
  const agency = await newAgency(t, admin, 'Review Police', ['review-police.gov']);
  officer = await newOfficer(t, admin, agency, 'officer-rv', 'sam@review-police.gov');
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('5. a change after review re-opens review', () => {
  it('an officer adds a document after approval: back in review, the old approvals count for nothing', async () => {
    const id = await approved();
    const doc = await fetch(`${t.base}/api/lawful/portal/requests/${id}/documents?filename=more.pdf`, {
      method: 'POST',
      headers: { ...officer, 'content-type': 'application/pdf' },
      body: PDF,
    });
    expect(doc.status).toBe(201);
    expect(await state(id)).toBe('in_review');
    expect((await attach(id, 'early.csv')).status).toBe(409);
    expect((await post(`${id}/disclose`, reviewer)).status).toBe(409);
    // The earlier second approval does not carry over to the new decision.
    expect((await decide(id)).body.state).toBe('awaiting_second_approval');
    expect((await post(`${id}/disclose`, reviewer)).status).toBe(409);
    expectNoDisclosure(await outcome(t, reviewer, officer, id), 'document after approval');
    const trail = await t.call('GET', `/api/lawful/requests/${id}`, reviewer);
    expect(JSON.stringify(trail.body)).toContain('reopened');
  });

  it('a reviewer attaches a production after disclosure: nothing new downloads until both people approve again', async () => {
    const id = await approved();
    expect((await attach(id, 'first.csv')).status).toBe(201);
    expect((await post(`${id}/disclose`, reviewer)).status).toBe(200);
    const before = await outcome(t, reviewer, officer, id);
    expect(before).toMatchObject({ state: 'disclosed', downloaded: 1 });
    const links = await t.call('GET', `/api/lawful/portal/requests/${id}/productions`, officer);
    const oldUrl = (links.body.productions as { url: string }[])[0]!.url;

    // The attack: slip a second production out on the strength of the first disclosure.
    expect((await attach(id, 'extra.csv')).status).toBe(201);
    expect(await state(id)).toBe('in_review');
    expect((await post(`${id}/disclose`, reviewer)).status).toBe(409);
    expectNoDisclosure(await outcome(t, reviewer, officer, id), 'production after disclosure');
    expect((await fetch(`${t.base}${oldUrl}`, { headers: officer })).status).toBe(404);
    // One reviewer alone cannot release it either.
    expect((await decide(id)).body.state).toBe('awaiting_second_approval');
    expect((await post(`${id}/disclose`, reviewer)).status).toBe(409);
    expectNoDisclosure(await outcome(t, reviewer, officer, id), 'one reviewer after re-opening');
    // With fresh approvals from both people it is released, as the first was.
    expect((await agree(id)).body.state).toBe('approved');
    expect((await post(`${id}/disclose`, reviewer)).status).toBe(200);
    expect(await outcome(t, reviewer, officer, id)).toMatchObject({ state: 'disclosed', downloaded: 2 });
  });

  it('an edit after a decision (a callback recorded on an approved request) re-opens review', async () => {
    const admin2 = await t.staff('admin');
    const agencies = await t.call('GET', '/api/lawful/agencies', admin);
    const agency = (agencies.body.agencies as { id: string; name: string }[]).find((a) => a.name === 'Review Police')!;
    const added = await t.call('POST', `/api/lawful/agencies/${agency.id}/contacts`, admin, {
      name: 'Duty desk',
      role: 'duty officer',
      phone: '+1 202 555 0142',
      source: 'official directory',
    });
    expect(added.status).toBe(201);
    const contact = added.body.id as string;
    expect((await t.call('POST', `/api/lawful/agencies/${agency.id}/contacts/${contact}/verify`, admin2)).status).toBe(
      204,
    );
    const id = await approved();
    const cb = await post(`${id}/callbacks`, reviewer, { contact_id: contact, outcome: 'confirmed', notes: 'ok' });
    expect(cb.status).toBe(200);
    expect(await state(id)).toBe('in_review');
    expect((await post(`${id}/disclose`, reviewer)).status).toBe(409);
    expectNoDisclosure(await outcome(t, reviewer, officer, id), 'callback after approval');
  });

  it('answers and documents cannot reach a decided or final request another way', async () => {
    const id = await approved();
    const answer = await t.call('POST', `/api/lawful/portal/requests/${id}/clarification`, officer, { answer: 'more' });
    expect(answer.status).toBe(409);
    expect(await state(id)).toBe('approved');
    expect((await attach(id, 'data.csv')).status).toBe(201);
    expect((await post(`${id}/disclose`, reviewer)).status).toBe(200);
    const late = await fetch(`${t.base}/api/lawful/portal/requests/${id}/documents?filename=late.pdf`, {
      method: 'POST',
      headers: { ...officer, 'content-type': 'application/pdf' },
      body: PDF,
    });
    expect(late.status).toBe(409);
  });
});
