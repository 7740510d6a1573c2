import { randomUUID } from 'node:crypto';
import { recordAudit, type Actor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import { badRequest, forbidden, invalidState, notFound } from '../core/errors.ts';
import { getParty, openAlertCount, partyQuestionnaires } from './store/parties-store.ts';
import { screeningDb, type DecisionTable } from './store/tables.ts';

export const capabilities = ['general', 'dual_use', 'surveillance', 'intrusion'] as const;
export const countryRisks = ['low', 'medium', 'high'] as const;
export const redFlags = [
  'evasive_about_end_use',
  'government_security_end_user',
  'requests_exploits_or_zero_days',
  'requests_interception_or_bulk_collection',
  'links_to_listed_vendor',
  'reseller_to_unknown_end_users',
  'unusual_payment_or_structure',
  'country_targets_civil_society',
] as const;
export const decisions = ['approved', 'approved_with_conditions', 'rejected'] as const;

/** The human-rights questionnaire: who will use the product, for what, where, and what gave pause. */
export interface Questionnaire {
  intended_end_use: string;
  end_users: string;
  country_risk: (typeof countryRisks)[number];
  product_capability: (typeof capabilities)[number];
  red_flags: Array<(typeof redFlags)[number]>;
  notes?: string;
}

/**
 * The risk the answers point to: high with any red flag, a high-risk country, or a surveillance or intrusion
 * capability going anywhere but a low-risk country; medium for dual-use products or a medium-risk country.
 */
export function assessRisk(q: Questionnaire): 'low' | 'medium' | 'high' {
  const sensitive = q.product_capability === 'surveillance' || q.product_capability === 'intrusion';
  if (q.red_flags.length > 0 || q.country_risk === 'high' || (sensitive && q.country_risk !== 'low')) return 'high';
  if (sensitive || q.product_capability === 'dual_use' || q.country_risk === 'medium') return 'medium';
  return 'low';
}

/** Records the questionnaire's answers (each submission kept). Audited. */
export async function answerQuestionnaire(ctx: CoreContext, actor: Actor, partyId: string, answers: Questionnaire) {
  const risk = assessRisk(answers);
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    const db = screeningDb(trx);
    if (!(await getParty(db, partyId, true))) throw notFound(`no party ${partyId}`);
    await db
      .insertInto('screening_questionnaires')
      .values({
        id,
        party_id: partyId,
        answers: JSON.stringify(answers),
        risk,
        answered_by: actor.id ?? actor.label,
        answered_by_label: actor.label,
      })
      .execute();
    await recordAudit(trx, actor, {
      action: 'screening_party.questionnaire_answered',
      objectType: 'screening_party',
      objectId: partyId,
      details: { questionnaire: id, risk, red_flags: answers.red_flags },
    });
  });
  return { id, risk };
}

export interface DecisionInput {
  decision: DecisionTable['decision'];
  reasons: string;
  conditions?: string;
  /** When to review the party again; by default after ACCORD_SCREENING_REVIEW_MONTHS (6 months at most for high risk). */
  review_at?: string;
}

/**
 * An authorised reviewer's decision, with reasons. Four eyes: the reviewer can be neither the person who recorded
 * the party nor the one who answered its questionnaire. Approval needs the questionnaire answered and every alert
 * weighed; a high-risk party can be approved only with conditions. Audited.
 */
export async function decide(ctx: CoreContext, actor: Actor, partyId: string, input: DecisionInput) {
  if (input.decision === 'approved_with_conditions' && !input.conditions?.trim()) {
    throw badRequest('an approval with conditions names its conditions');
  }
  const id = randomUUID();
  return ctx.db.transaction().execute(async (trx) => {
    const db = screeningDb(trx);
    const party = await getParty(db, partyId, true);
    if (!party) throw notFound(`no party ${partyId}`);
    const [questionnaire] = await partyQuestionnaires(db, partyId);
    if (!questionnaire) throw invalidState('answer the human-rights questionnaire before deciding');
    const me = actor.id ?? actor.label;
    if (party.created_by === me || questionnaire.answered_by === me) {
      throw forbidden(
        'four eyes: the reviewer who decides cannot have recorded the party or answered its questionnaire',
      );
    }
    if (input.decision !== 'rejected') {
      const open = await openAlertCount(db, partyId);
      if (open > 0) throw invalidState(`${open} alert(s) on this party are still open; weigh them before approving`);
      if (questionnaire.risk === 'high' && input.decision === 'approved') {
        throw invalidState('a high-risk party can be approved only with conditions');
      }
    }
    const months =
      questionnaire.risk === 'high' ? Math.min(6, ctx.config.screeningReviewMonths) : ctx.config.screeningReviewMonths;
    const reviewAt = input.review_at ? new Date(input.review_at) : addMonths(new Date(), months);
    if (Number.isNaN(reviewAt.getTime()) || reviewAt.getTime() <= Date.now()) {
      throw badRequest('review_at must be a date in the future');
    }
    await db
      .insertInto('screening_decisions')
      .values({
        id,
        party_id: partyId,
        decision: input.decision,
        reasons: input.reasons,
        conditions: input.conditions ?? null,
        review_at: reviewAt,
        decided_by: me,
        decided_by_label: actor.label,
      })
      .execute();
    await db
      .updateTable('screening_parties')
      .set({ status: input.decision, next_review_at: reviewAt, updated_at: new Date() })
      .where('id', '=', partyId)
      .execute();
    await recordAudit(trx, actor, {
      action: 'screening_party.decided',
      objectType: 'screening_party',
      objectId: partyId,
      details: {
        decision: input.decision,
        decision_id: id,
        risk: questionnaire.risk,
        review_at: reviewAt.toISOString(),
      },
    });
    return { id, review_at: reviewAt.toISOString() };
  });
}

function addMonths(d: Date, months: number) {
  const out = new Date(d);
  out.setUTCMonth(out.getUTCMonth() + months);
  return out;
}
