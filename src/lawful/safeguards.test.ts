import { describe, expect, it } from 'vitest';
import { assessRequest, type AssessmentInput } from './safeguards.ts';
import { callbackConfirmer, decisionTrail, latestCallback, needsSecondReviewer } from './two-person.ts';

// A request with nothing unusual about it: each test changes one fact.
const base: AssessmentInput = {
  officer: { status: 'active', mfaVerified: true },
  agency: {
    name: 'City Police',
    status: 'active',
    emailDomains: ['police.city.gov'],
    timezone: 'Europe/Paris',
    country: 'FR',
  },
  countryRisk: null,
  senderEmail: 'jane@police.city.gov',
  registeredDomains: ['police.city.gov'],
  officerHistory: { total: 3, last24h: 1 },
  agencyHistory: { total: 8, typesUsed: ['subpoena', 'court_order'] },
  requestType: 'subpoena',
  submittedAt: new Date('2026-03-10T10:00:00Z'), // 11:00 in Paris
  targeted: { exact: 0, possible: 0 },
  callbackConfirmed: false,
};
const signal = (input: Partial<AssessmentInput>, id: string) =>
  assessRequest({ ...base, ...input }).find((s) => s.id === id);

describe('the safeguard signals', () => {
  it('an ordinary request raises no warning at all', () => {
    expect(assessRequest(base).filter((s) => s.level !== 'ok')).toEqual([]);
  });

  it('an officer who did not pass a second factor blocks', () => {
    expect(signal({ officer: { status: 'active', mfaVerified: false } }, 'officer')).toMatchObject({
      level: 'block',
      message: 'the officer did not sign in with a second factor',
    });
  });

  it('a request entered by staff blocks until a callback confirmed it, then only warns', () => {
    expect(signal({ officer: null }, 'officer')?.level).toBe('block');
    expect(signal({ officer: null, callbackConfirmed: true }, 'officer')?.level).toBe('warn');
  });

  it('unusual volume: ten requests from the officer in the past 24 hours, not nine', () => {
    expect(signal({ officerHistory: { total: 40, last24h: 9 } }, 'volume')).toBeUndefined();
    expect(signal({ officerHistory: { total: 40, last24h: 10 } }, 'volume')).toMatchObject({
      level: 'warn',
      evidence: { last24h: 10 },
    });
  });

  it("unusual hours are judged in the agency's own time zone, from 20:00 to 07:00", () => {
    const at = (iso: string, timezone = 'Europe/Paris') =>
      signal({ submittedAt: new Date(iso), agency: { ...base.agency, timezone } }, 'hours');
    expect(at('2026-03-10T05:59:00Z')).toMatchObject({
      level: 'warn',
      message: expect.stringMatching(/^submitted at 6:00/),
    });
    expect(at('2026-03-10T06:00:00Z')).toBeUndefined(); // 07:00 in Paris
    expect(at('2026-03-10T18:59:00Z')).toBeUndefined(); // 19:59
    expect(at('2026-03-10T19:00:00Z')?.level).toBe('warn'); // 20:00
    // 10:00 UTC is night in Los Angeles and day in Paris.
    expect(at('2026-03-10T10:00:00Z', 'America/Los_Angeles')?.message).toMatch(/\(America\/Los_Angeles\)/);
  });

  it('an unusual request type needs an agency history of five requests to judge by', () => {
    expect(signal({ requestType: 'mlat' }, 'unusual_type')).toMatchObject({
      level: 'warn',
      message: 'the agency has not sent a mlat before',
    });
    expect(signal({ requestType: 'court_order' }, 'unusual_type')).toBeUndefined();
    expect(
      signal({ requestType: 'mlat', agencyHistory: { total: 4, typesUsed: ['subpoena'] } }, 'unusual_type'),
    ).toBeUndefined();
  });
});

describe('the two-person rule', () => {
  it('emergencies always need a second reviewer, whatever the setting', () => {
    expect(needsSecondReviewer('mlat', 'emergency_disclosure', [])).toBe(true);
    expect(needsSecondReviewer('mlat', 'mlat', [])).toBe(true);
    expect(needsSecondReviewer('mlat', 'subpoena', [])).toBe(false);
    expect(needsSecondReviewer('mlat', 'subpoena', [{ id: 'x', level: 'escalate', message: 'x' }])).toBe(true);
  });

  const decision = (reviewer: string) => ({ kind: 'decision' as const, reviewer, details: { decision: 'produce' } });
  const agree = (reviewer: string) => ({ kind: 'second_approval' as const, reviewer, details: { agree: true } });

  it('only an agreement after the latest decision, by someone else, counts', () => {
    expect(decisionTrail([agree('b')])).toEqual({
      decision: undefined,
      secondApproval: undefined,
      decidedByConfirmer: false,
    });
    expect(decisionTrail([decision('a'), agree('a')]).secondApproval).toBeUndefined();
    expect(decisionTrail([decision('a'), agree('b'), decision('b')]).secondApproval).toBeUndefined();
    expect(decisionTrail([decision('a'), agree('b')]).secondApproval).toMatchObject({ reviewer: 'b' });
  });
  it('two accounts of one person are one reviewer', () => {
    const person = (r: string) => (r === 'a2' ? 'a' : r);
    expect(decisionTrail([decision('a'), agree('a2')], person).secondApproval).toBeUndefined();
    expect(decisionTrail([decision('a'), agree('b')], person).secondApproval).toMatchObject({ reviewer: 'b' });
  });
  it('the latest callback wins, and who confirmed it cannot be the only decider', () => {
    const callback = (reviewer: string, outcome: string) => ({
      kind: 'callback' as const,
      reviewer,
      details: { outcome },
    });
    expect(latestCallback([callback('a', 'confirmed'), callback('b', 'not_confirmed')])?.details.outcome).toBe(
      'not_confirmed',
    );
    expect(decisionTrail([callback('a', 'confirmed'), decision('a')]).decidedByConfirmer).toBe(true);
    expect(decisionTrail([callback('b', 'confirmed'), decision('a')]).decidedByConfirmer).toBe(false);
    expect(callbackConfirmer([callback('a', 'confirmed'), callback('a', 'not_confirmed')], (r) => r)).toBeUndefined();
  });
});
