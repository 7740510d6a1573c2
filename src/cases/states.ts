/** A targeting case's life: analysts triage and confirm, notification follows, and a case ends closed or dismissed. */
export const caseStates = ['new', 'triage', 'confirmed', 'notified', 'closed', 'dismissed'] as const;
export type CaseState = (typeof caseStates)[number];

// Forward along the path, back to triage when doubt arises before anyone was told, and dismissal (a false
// positive) from anywhere before notification. A notified person cannot be un-notified: such a case only closes.
const allowed: Readonly<Record<CaseState, readonly CaseState[]>> = {
  new: ['triage', 'dismissed'],
  triage: ['confirmed', 'dismissed'],
  confirmed: ['notified', 'triage', 'dismissed'],
  notified: ['closed'],
  closed: [],
  dismissed: ['triage'],
};

/** Why a transition is refused, or null when it is allowed. Dismissal needs a reason (it is a finding). */
export function transitionProblem(from: CaseState, to: CaseState, reason: string | undefined): string | null {
  if (!allowed[from].includes(to)) {
    const options = allowed[from];
    return `a ${from} case cannot become ${to}${options.length ? ` (it can become ${options.join(' or ')})` : ' (it is final)'}`;
  }
  if (to === 'dismissed' && !reason?.trim()) return 'dismissing a case needs a reason (why it is a false positive)';
  return null;
}

/** Cases that still gather new detections; a closed or dismissed case is left as it was and a new one opens. */
export const isOpen = (state: CaseState) => state !== 'closed' && state !== 'dismissed';
