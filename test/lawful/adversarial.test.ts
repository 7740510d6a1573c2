/**
 * The adversarial suite: each attack class of issue 22 run as an attacker would, over HTTP against the real service
 * and database. Every attack ends on the same assertion: no `disclosed` state, no production downloadable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { targetedPeople } from '../support/targeting.ts';
import {
  expectNoDisclosure,
  newAgency,
  newOfficer,
  pushAlone,
  startTarget,
  subpoena,
  type Headers,
  type Target,
} from './attacker.ts';

let t: Target;
let admin: Headers;
let reviewer: Headers;
let officer: Headers;

beforeAll(async () => {
  t = await startTarget();
  admin = await t.staff('admin');
  reviewer = await t.staff('legal_reviewer');
  const agency = await newAgency(t, admin, 'City Police', ['police-city.gov']);
  officer = await newOfficer(t, admin, agency, 'officer-adv', 'jane.doe@police-city.gov');
  // People already targeted by spyware: each has an open targeting case.
  await targetedPeople(t.ctx, 'Predator (adversarial)', 'c2.adversarial.example', [
    'amira.k@example.org',
    'amirak@gmail.com',
    'nadia@bücher.de',
    '+44 20 7946 0018',
    '@amira_k',
  ]);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

async function attack(target: string) {
  const submitted = await t.call('POST', '/api/lawful/portal/requests', officer, subpoena([target]));
  expect(submitted.status, target).toBe(201);
  return pushAlone(t, reviewer, officer, submitted.body.id as string);
}

describe('1. identifier variants of a targeted person', () => {
  it('control: a request about someone not targeted is disclosed by one reviewer (the attacks below are meaningful)', async () => {
    const r = await attack('someone.else@example.org');
    expect(r.state).toBe('disclosed');
    expect(r.downloaded).toBe(1);
  });

  const exact = [
    'AMIRA.K@EXAMPLE.ORG',
    'mailto:amira.k@example.org',
    'Mailto:Amira.K@Example.org?subject=x',
    '<amira.k@example.org>',
    'amira.k@example.org.',
    'amira.k+legal@example.org',
    'ａｍｉｒａ.ｋ＠ｅｘａｍｐｌｅ.ｏｒｇ',
    'amira\u200B.k@example.org',
    'amira.k\u200D@example.org',
    '\u202Eamira.k@example.org',
    '\u2066amira.k@example.org\u2069',
    '\uFEFFamira.k@example.org',
    'a.mira.k+x@gmail.com',
    'AmiraK@googlemail.com',
    'nadia@xn--bcher-kva.de',
    'NADIA@BÜCHER.DE',
    'tel:+44-20-7946-0018',
    '+44 (20) 7946 0018',
    '0044 20 7946 0018',
    '+44.20.7946.0018',
    '＋４４ ２０ ７９４６ ００１８',
    // Found by an outside attacker: other scripts' digits, extensions, quoted and percent-encoded addresses.
    '+٤٤ ٢٠ ٧٩٤٦ ٠٠١٨',
    '+۴۴ ۲۰ ۷۹۴۶ ۰۰۱۸',
    '+44 20 7946 0018 ext. 9',
    '+442079460018#',
    '"amira.k"@example.org',
    'amira.k%40example.org',
    'https://twitter.com/Amira_K',
    'x.com/@amira_k/',
    '@amira_k/',
    'amira_k@',
    '@Amira_K',
    'amira_k',
    'AMIRA_K',
  ];
  for (const variant of exact) {
    it(`a variant (${JSON.stringify(variant)}) is flagged and one reviewer cannot disclose`, async () => {
      const r = await attack(variant);
      expect(r.assessment, variant).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: 'targeted_account', level: 'escalate' })]),
      );
      expect(r.decided.body.state, variant).toBe('awaiting_second_approval');
      expect(r.disclosed.status, variant).toBe(409);
      expectNoDisclosure(r, variant);
    });
  }

  const lookAlikes = [
    'аmira.k@example.org', // Cyrillic а
    'amira.k@еxample.org', // Cyrillic е in the domain
    'arnira.k@example.org', // rn for m
    'AMlRA.K@example.org', // l for I
    'amira.k@examp1e.org', // 1 for l
    '@аmira_k', // Cyrillic а in a handle
    '@ɑmira_k', // Latin alpha
    '020 7946 0018', // a national number, no default region configured
    '442079460018', // international digits without `+`
    '٠٢٠ ٧٩٤٦ ٠٠١٨', // the national number in Arabic-Indic digits
  ];
  for (const variant of lookAlikes) {
    it(`a look-alike (${JSON.stringify(variant)}) is a possible match and escalates like one`, async () => {
      const r = await attack(variant);
      expect(r.assessment, variant).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: 'possible_targeted_account', level: 'escalate' })]),
      );
      expect(r.decided.body.state, variant).toBe('awaiting_second_approval');
      expectNoDisclosure(r, variant);
    });
  }
});
