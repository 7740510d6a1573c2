import type { Selectable } from 'kysely';
import { escalated, type Signal } from './safeguards.ts';
import type { ReviewStepTable } from './store/tables.ts';

type Step = Pick<Selectable<ReviewStepTable>, 'kind' | 'reviewer' | 'details'>;

/**
 * Whether producing data needs a second reviewer: emergency disclosures always (the forged "emergency data request"
 * is the attack this module exists for, so no setting can waive it), the types in ACCORD_LAWFUL_TWO_PERSON_TYPES,
 * and any escalated request.
 */
export function needsSecondReviewer(configuredTypes: string, requestType: string, assessment: readonly Signal[]) {
  return (
    requestType === 'emergency_disclosure' || configuredTypes.split(',').includes(requestType) || escalated(assessment)
  );
}

/**
 * What a disclosure rests on, read from the review trail: the latest decision, and a second reviewer's agreement
 * recorded after it by someone other than the decider (an agreement to an earlier, superseded decision counts for
 * nothing).
 */
export function decisionTrail(steps: readonly Step[]) {
  let at = -1;
  steps.forEach((s, i) => {
    if (s.kind === 'decision') at = i;
  });
  const decision = at >= 0 ? steps[at] : undefined;
  const secondApproval = decision
    ? steps
        .slice(at + 1)
        .find((s) => s.kind === 'second_approval' && s.details.agree === true && s.reviewer !== decision.reviewer)
    : undefined;
  return { decision, secondApproval };
}
