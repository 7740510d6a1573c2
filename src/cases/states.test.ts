import { describe, expect, it } from 'vitest';
import { caseStates, transitionProblem } from './states.ts';

describe('case states', () => {
  it('follows new → triage → confirmed → notified → closed', () => {
    expect(transitionProblem('new', 'triage', undefined)).toBeNull();
    expect(transitionProblem('triage', 'confirmed', undefined)).toBeNull();
    expect(transitionProblem('confirmed', 'notified', undefined)).toBeNull();
    expect(transitionProblem('notified', 'closed', undefined)).toBeNull();
  });
  it('refuses skipping steps and undoing a notification', () => {
    expect(transitionProblem('new', 'notified', undefined)).toMatch(
      /a new case cannot become notified \(it can become triage or dismissed\)/,
    );
    expect(transitionProblem('notified', 'dismissed', 'oops')).toMatch(/cannot become dismissed/);
    expect(transitionProblem('closed', 'triage', undefined)).toMatch(/it is final/);
  });
  it('needs a reason to dismiss', () => {
    expect(transitionProblem('triage', 'dismissed', '  ')).toMatch(/needs a reason/);
    expect(transitionProblem('triage', 'dismissed', 'test account')).toBeNull();
  });
  it('never allows a state to become itself', () => {
    for (const s of caseStates) expect(transitionProblem(s, s, 'r')).not.toBeNull();
  });
});
