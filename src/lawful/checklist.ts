import type { Decision } from './states.ts';

/** The rights-respecting review: each criterion is answered, with a note where it matters. */
export const criteria = [
  'legal_basis_and_jurisdiction',
  'judicial_authorisation_for_content',
  'specific_and_narrow',
  'necessary_and_proportionate',
  'legitimate_aim',
  'offence_used_against_speech_or_protest',
  'country_human_rights_risk',
  'target_journalist_activist_or_defender',
  'user_can_be_notified',
] as const;
export type Criterion = (typeof criteria)[number];
export type Answer = 'yes' | 'no' | 'not_applicable';
export type Checklist = Record<Criterion, { answer: Answer; note?: string }>;

// What must hold for data to be produced; the "risk" criteria must be answered but do not decide on their own.
const REQUIRED_YES: readonly Criterion[] = [
  'legal_basis_and_jurisdiction',
  'specific_and_narrow',
  'necessary_and_proportionate',
  'legitimate_aim',
];

/**
 * Why a checklist does not support a decision, or an empty list. Producing needs every required criterion met,
 * judicial authorisation when content is asked for, and a note wherever a risk was found (an offence used against
 * speech, a high-risk country, a journalist or defender as target).
 */
export function checklistProblems(checklist: Partial<Checklist>, decision: Decision, wantsContent: boolean): string[] {
  const problems: string[] = [];
  for (const c of criteria) if (!checklist[c]) problems.push(`${c} is not answered`);
  if (problems.length > 0) return problems;
  const list = checklist as Checklist;
  for (const c of [
    'offence_used_against_speech_or_protest',
    'country_human_rights_risk',
    'target_journalist_activist_or_defender',
  ] as const) {
    if (list[c].answer === 'yes' && !list[c].note?.trim())
      problems.push(`${c}: a risk was found; say how it was weighed`);
  }
  if (decision === 'produce' || decision === 'produce_partial') {
    for (const c of REQUIRED_YES) if (list[c].answer !== 'yes') problems.push(`${c} must be met to produce data`);
    if (wantsContent && list.judicial_authorisation_for_content.answer !== 'yes') {
      problems.push('content is only produced on judicial authorisation');
    }
  }
  return problems;
}
