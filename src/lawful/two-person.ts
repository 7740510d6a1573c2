import type { Selectable } from 'kysely';
import { emailDomainOf, peopleOf } from '../core/auth/people.ts';
import { forbidden } from '../core/errors.ts';
import { asciiDomain } from '../core/identifiers/index.ts';
import type { CoreContext } from '../core/context.ts';
import type { Executor } from '../core/db/database.ts';
import { escalated, type Signal } from './safeguards.ts';
import type { ReviewStepTable } from './store/tables.ts';

type Step = Pick<Selectable<ReviewStepTable>, 'kind' | 'reviewer' | 'details'>;

/** Who a reviewer id stands for: two accounts of one person (one canonical e-mail) are one person. */
export type PersonOf = (reviewer: string) => string;

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

/** The people behind the reviewers of a trail (and any further ids, such as the one acting now). */
export const trailPeople = (
  ctx: Pick<CoreContext, 'config'>,
  db: Executor,
  steps: readonly Step[],
  ...more: string[]
) => peopleOf(ctx, db, [...steps.map((s) => s.reviewer), ...more]);

/** The latest callback decides: a `not_confirmed` after a `confirmed` blocks again. */
export function latestCallback(steps: readonly Step[]): Step | undefined {
  return steps.filter((s) => s.kind === 'callback').at(-1);
}

/**
 * The person who confirmed the request by callback, when the latest callback confirmed it. That person cannot also
 * be the only decider: their word and their decision would be one person's alone.
 */
export function callbackConfirmer(steps: readonly Step[], person: PersonOf): string | undefined {
  const last = latestCallback(steps);
  return last?.details.outcome === 'confirmed' ? person(last.reviewer) : undefined;
}

/**
 * What a disclosure rests on, read from the review trail: the latest decision, and a second reviewer's agreement
 * recorded after it by another person than the decider (an agreement to an earlier, superseded decision counts for
 * nothing; another account of the decider's counts for nothing).
 */
export function decisionTrail(steps: readonly Step[], person: PersonOf = (r) => r) {
  // A decision before the last re-opening (a change after review, reopen.ts) no longer counts, nor its approvals.
  let at = -1;
  let reopened = -1;
  steps.forEach((s, i) => {
    if (s.kind === 'decision') at = i;
    if (s.kind === 'reopened') reopened = i;
  });
  if (at < reopened) at = -1;
  const decision = at >= 0 ? steps[at] : undefined;
  const secondApproval = decision
    ? steps
        .slice(at + 1)
        .find(
          (s) =>
            s.kind === 'second_approval' &&
            s.details.agree === true &&
            person(s.reviewer) !== person(decision.reviewer),
        )
    : undefined;
  /** The decider also confirmed the callback: a second person must agree whatever else the request needs. */
  const decidedByConfirmer = decision !== undefined && callbackConfirmer(steps, person) === person(decision.reviewer);
  return { decision, secondApproval, decidedByConfirmer };
}

/**
 * A reviewer whose own address is on the requesting agency's domain (or a subdomain of it) works for, or inside,
 * that agency: they cannot decide on or approve its requests, or the agency would review itself.
 */
export async function refuseAgencyInsider(
  ctx: Pick<CoreContext, 'config'>,
  db: Executor,
  reviewerId: string,
  agencyDomains: readonly string[],
) {
  const domain = await emailDomainOf(ctx, db, reviewerId);
  if (!domain) return;
  const inside = agencyDomains.map(asciiDomain).some((d) => domain === d || domain.endsWith(`.${d}`));
  if (inside)
    throw forbidden("a reviewer whose address is on the requesting agency's domain cannot review its requests");
}
