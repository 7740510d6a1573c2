/**
 * A lawful request's life. Decisions: `reject`, `narrow` (the agency is asked to resubmit narrower), `no_data`,
 * `produce` and `produce_partial` (disclosure follows, once every safeguard is satisfied).
 */
export const requestStates = [
  'submitted',
  'in_review',
  'clarification_requested',
  'awaiting_second_approval',
  'rejected',
  'narrowing_requested',
  'no_data',
  'approved',
  'disclosed',
  'withdrawn',
] as const;
export type RequestState = (typeof requestStates)[number];

export const decisions = ['reject', 'narrow', 'produce_partial', 'produce', 'no_data'] as const;
export type Decision = (typeof decisions)[number];

/** What moves a request. Each step has its own edges, so no step can borrow another's (a second approval cannot stand in for a decision). */
export type RequestStep =
  | 'start_review'
  | 'ask_clarification'
  | 'answer_clarification'
  | 'decide'
  | 'second_approval'
  | 'disclose'
  | 'withdraw';

const open = [
  'submitted',
  'in_review',
  'clarification_requested',
  'awaiting_second_approval',
  'narrowing_requested',
  'approved',
] as const;

const edges: Readonly<Record<RequestStep, Partial<Record<RequestState, readonly RequestState[]>>>> = {
  start_review: { submitted: ['in_review'] },
  ask_clarification: { in_review: ['clarification_requested'] },
  answer_clarification: { clarification_requested: ['in_review'] },
  // `approved` straight from review only when no second reviewer is needed: review.ts decides, disclose re-checks.
  decide: { in_review: ['rejected', 'narrowing_requested', 'no_data', 'approved', 'awaiting_second_approval'] },
  // The only way out of awaiting_second_approval: agreed (approved) or sent back (in review). From approved only
  // when the request came to need a second reviewer after one person approved it (review.ts checks).
  second_approval: { awaiting_second_approval: ['approved', 'in_review'], approved: ['approved', 'in_review'] },
  disclose: { approved: ['disclosed'] },
  withdraw: Object.fromEntries(open.map((s) => [s, ['withdrawn']])),
};

const words = (s: string) => s.replace(/_/g, ' ');

/** Why `step` cannot move a request from `from` (to `to`, when given), or null. */
export function requestTransitionProblem(step: RequestStep, from: RequestState, to?: RequestState): string | null {
  const targets = edges[step][from];
  if (targets && (to === undefined || targets.includes(to))) return null;
  const final = !open.includes(from as (typeof open)[number]);
  return `a request that is ${words(from)} cannot ${words(step)}${to ? ` to become ${words(to)}` : ''}${final ? ' (it is final)' : ''}`;
}

/** The state a decision leads to, before any second approval. */
export const stateOfDecision: Readonly<Record<Decision, RequestState>> = {
  reject: 'rejected',
  narrow: 'narrowing_requested',
  no_data: 'no_data',
  produce: 'approved',
  produce_partial: 'approved',
};

export const producing = (d: Decision | null | undefined): boolean => d === 'produce' || d === 'produce_partial';

/** A request that no step moves any more (rejected, disclosed, withdrawn, no data). */
export const finalState = (state: RequestState): boolean => !(open as readonly string[]).includes(state);
