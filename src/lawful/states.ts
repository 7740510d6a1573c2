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

const allowed: Readonly<Record<RequestState, readonly RequestState[]>> = {
  submitted: ['in_review', 'withdrawn'],
  in_review: [
    'clarification_requested',
    'awaiting_second_approval',
    'rejected',
    'narrowing_requested',
    'no_data',
    'approved',
    'withdrawn',
  ],
  clarification_requested: ['in_review', 'withdrawn'],
  awaiting_second_approval: ['approved', 'rejected', 'in_review', 'withdrawn'],
  rejected: [],
  narrowing_requested: ['withdrawn'],
  no_data: [],
  approved: ['disclosed', 'withdrawn'],
  disclosed: [],
  withdrawn: [],
};

/** Why `from → to` is refused, or null. */
export function requestTransitionProblem(from: RequestState, to: RequestState): string | null {
  if (allowed[from].includes(to)) return null;
  const options = allowed[from];
  return `a request that is ${from.replace(/_/g, ' ')} cannot become ${to.replace(/_/g, ' ')}${options.length ? '' : ' (it is final)'}`;
}

/** The state a decision leads to, before any second approval. */
export const stateOfDecision: Readonly<Record<Decision, RequestState>> = {
  reject: 'rejected',
  narrow: 'narrowing_requested',
  no_data: 'no_data',
  produce: 'approved',
  produce_partial: 'approved',
};
