import { randomUUID } from 'node:crypto';
import { recordAudit, type Actor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import type { Executor } from '../core/db/database.ts';
import { forbidden, invalidState, notFound, validationFailed } from '../core/errors.ts';
import { assessStored } from './assess.ts';
import { sealStepDetails } from './free-text.ts';
import { scheduleUserNotice } from './user-notice.ts';
import { auditRefusal } from './read-audit.ts';
import { reopenReview } from './reopen.ts';
import { callbackContactFor } from './callbacks.ts';
import { checklistProblems, type Checklist } from './checklist.ts';
import { blocking, type Signal } from './safeguards.ts';
import {
  finalState,
  producing,
  requestTransitionProblem,
  stateOfDecision,
  type Decision,
  type RequestState,
  type RequestStep,
} from './states.ts';
import {
  callbackConfirmer,
  decisionTrail,
  needsSecondReviewer,
  refuseAgencyInsider,
  trailPeople,
} from './two-person.ts';
import { getAgency, getRequestRow, reviewSteps } from './store/lawful-store.ts';
import { lawfulDb, type LawfulDb, type ReviewStepTable } from './store/tables.ts';

const who = (actor: Actor) => actor.id ?? actor.label;

type Row = NonNullable<Awaited<ReturnType<typeof getRequestRow>>>;

async function step(
  ctx: CoreContext,
  trx: Executor,
  requestId: string,
  kind: ReviewStepTable['kind'],
  reviewer: Actor,
  details: Record<string, unknown>,
) {
  await lawfulDb(trx)
    .insertInto('lawful_review_steps')
    .values({
      id: randomUUID(),
      request_id: requestId,
      kind,
      reviewer: reviewer.id ?? reviewer.label,
      // Free text sealed and scanned for targeted identifiers (free-text.ts); the structure stays readable.
      ...sealStepDetails(ctx, details),
    })
    .execute();
}

/**
 * Loads a request under lock and checks that `step` may move it at all; `body` does the step's work and says where
 * the request goes, which the state machine checks again. Refreshes the assessment and audits, in one transaction.
 */
async function transition(
  ctx: CoreContext,
  actor: Actor,
  id: string,
  stepName: RequestStep,
  body: (db: LawfulDb, row: Row, trx: Executor) => Promise<{ to: RequestState; details?: Record<string, unknown> }>,
) {
  // A refused step (two-person rule, missing callback, wrong state) is audited with its reason (read-audit.ts).
  return auditRefusal(ctx, actor, id, stepName, () => transitionIn(ctx, actor, id, stepName, body));
}

function transitionIn(
  ctx: CoreContext,
  actor: Actor,
  id: string,
  stepName: RequestStep,
  body: (db: LawfulDb, row: Row, trx: Executor) => Promise<{ to: RequestState; details?: Record<string, unknown> }>,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const db = lawfulDb(trx);
    const row = await getRequestRow(db, id, true);
    if (!row) throw notFound(`no request ${id}`);
    const refused = requestTransitionProblem(stepName, row.state);
    if (refused) throw invalidState(refused, { state: row.state });
    const { to, details = {} } = await body(db, row, trx);
    const problem = requestTransitionProblem(stepName, row.state, to);
    if (problem) throw invalidState(problem, { state: row.state });
    const assessment = await assessStored(ctx, trx, row);
    await db
      .updateTable('lawful_requests')
      .set({ state: to, assessment: JSON.stringify(assessment), updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, {
      action: 'lawful_request.transitioned',
      objectType: 'lawful_request',
      objectId: id,
      details: { from: row.state, to, step: stepName, ...details },
    });
    return { id, state: to, assessment };
  });
}

export const startReview = (ctx: CoreContext, actor: Actor, id: string) =>
  transition(ctx, actor, id, 'start_review', async () => ({ to: 'in_review' }));

/**
 * Records a callback made to confirm a request, through a contact registered for the agency beforehand (never one
 * taken from the request). Audited; a confirmed callback lifts the emergency safeguard.
 */
export async function recordCallback(
  ctx: CoreContext,
  actor: Actor,
  id: string,
  input: { contact_id: string; outcome: 'confirmed' | 'not_confirmed'; notes: string },
) {
  return auditRefusal(ctx, actor, id, 'callback', () => recordCallbackIn(ctx, actor, id, input));
}

function recordCallbackIn(
  ctx: CoreContext,
  actor: Actor,
  id: string,
  input: { contact_id: string; outcome: 'confirmed' | 'not_confirmed'; notes: string },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const db = lawfulDb(trx);
    const row = await getRequestRow(db, id, true);
    if (!row) throw notFound(`no request ${id}`);
    // A final request stays as it ended: a callback cannot re-open or decorate it.
    if (finalState(row.state)) throw invalidState(`the request is ${row.state.replace(/_/g, ' ')}: it is final`);
    const contact = await callbackContactFor(ctx, db, row, input.contact_id);
    await step(ctx, trx, id, 'callback', actor, { contact: contact.id, outcome: input.outcome, notes: input.notes });
    // A callback after a decision changes what the decision rested on: review again, approvals again.
    const reopened = await reopenReview(ctx, trx, actor, id, 'callback_recorded');
    const assessment = await assessStored(ctx, trx, row);
    await db
      .updateTable('lawful_requests')
      .set({ assessment: JSON.stringify(assessment), updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, {
      action: 'lawful_request.callback_recorded',
      objectType: 'lawful_request',
      objectId: id,
      details: { contact: contact.id, outcome: input.outcome, reopened },
    });
    return { id, assessment, ...(reopened ? { state: 'in_review' as const } : {}) };
  });
}

export const requestClarification = (ctx: CoreContext, actor: Actor, id: string, question: string) =>
  transition(ctx, actor, id, 'ask_clarification', async (_db, _row, trx) => {
    await step(ctx, trx, id, 'clarification', actor, { question });
    return { to: 'clarification_requested' };
  });

export const answerClarification = (ctx: CoreContext, actor: Actor, id: string, answer: string) =>
  transition(ctx, actor, id, 'answer_clarification', async (_db, _row, trx) => {
    await step(ctx, trx, id, 'clarification', actor, { answer });
    return { to: 'in_review' };
  });

function disclosureBlocks(signals: readonly Signal[]): string[] {
  return blocking(signals).map((s) => s.message);
}

/**
 * A reviewer's decision with the checklist it rests on, only from review. A decision to produce data is refused
 * while a safeguard blocks it; it waits for a second reviewer when `needsSecondReviewer` says so.
 */
export async function decide(
  ctx: CoreContext,
  actor: Actor,
  id: string,
  input: { decision: Decision; reasons: string; checklist: Partial<Checklist> },
) {
  return transition(ctx, actor, id, 'decide', async (db, row, trx) => {
    await refuseAgencyInsider(ctx, trx, who(actor), (await getAgency(db, row.agency_id))?.email_domains ?? []);
    const problems = checklistProblems(input.checklist, input.decision, row.data_categories.includes('content'));
    if (problems.length > 0)
      throw validationFailed(`the checklist does not support ${input.decision}: ${problems.join('; ')}`);
    const assessment = await assessStored(ctx, trx, row);
    const blocks = producing(input.decision) ? disclosureBlocks(assessment) : [];
    if (blocks.length > 0) throw invalidState(`safeguards block disclosure: ${blocks.join('; ')}`);
    // Who confirmed the callback cannot also be the only decider (latest callback wins; one person, any account).
    const steps = await reviewSteps(db, id);
    const person = await trailPeople(ctx, trx, steps, who(actor));
    const secondPerson =
      producing(input.decision) &&
      (needsSecondReviewer(ctx.config.lawfulTwoPersonTypes, row.request_type, assessment) ||
        callbackConfirmer(steps, person) === person(who(actor)));
    await step(ctx, trx, id, 'checklist', actor, { checklist: input.checklist });
    await step(ctx, trx, id, 'decision', actor, {
      decision: input.decision,
      reasons: input.reasons,
      second_person: secondPerson,
    });
    await db
      .updateTable('lawful_requests')
      .set({ decision: input.decision, decided_by: who(actor) })
      .where('id', '=', id)
      .execute();
    return {
      to: secondPerson ? 'awaiting_second_approval' : stateOfDecision[input.decision],
      details: { decision: input.decision, second_person: secondPerson },
    };
  });
}

/**
 * The second reviewer, only for a recorded decision to produce that is waiting for one (or an approved one that
 * came to need one since), and never the person who decided. Agrees (approved) or sends the request back to review,
 * where a new decision is needed.
 */
export async function secondApproval(
  ctx: CoreContext,
  actor: Actor,
  id: string,
  input: { agree: boolean; reasons: string },
) {
  return transition(ctx, actor, id, 'second_approval', async (db, row, trx) => {
    await refuseAgencyInsider(ctx, trx, who(actor), (await getAgency(db, row.agency_id))?.email_domains ?? []);
    const steps = await reviewSteps(db, id);
    const person = await trailPeople(ctx, trx, steps, who(actor), row.decided_by ?? who(actor));
    const { decision, secondApproval: agreed, decidedByConfirmer } = decisionTrail(steps, person);
    // Approved by one reviewer, then escalated (a targeting case opened since): the second reviewer is needed now.
    const lateNeed =
      row.state === 'approved' &&
      !agreed &&
      (decidedByConfirmer ||
        needsSecondReviewer(ctx.config.lawfulTwoPersonTypes, row.request_type, await assessStored(ctx, trx, row)));
    const waiting = row.state === 'awaiting_second_approval' ? decision?.details.second_person === true : lateNeed;
    if (!decision || !producing(row.decision) || !waiting) {
      throw invalidState('no decision is waiting for a second approval');
    }
    // Two people, not two accounts: another account of the decider (same canonical e-mail) is the decider.
    const me = person(who(actor));
    if (person(decision.reviewer) === me || person(row.decided_by ?? decision.reviewer) === me)
      throw forbidden('the second approval must come from another person than the one who decided');
    await step(ctx, trx, id, 'second_approval', actor, { agree: input.agree, reasons: input.reasons });
    if (!input.agree) {
      await db.updateTable('lawful_requests').set({ decision: null, decided_by: null }).where('id', '=', id).execute();
    }
    return { to: input.agree ? 'approved' : 'in_review', details: { agree: input.agree } };
  });
}

/**
 * Discloses an approved request's data: the last gate. Every blocking safeguard is checked again now (an agency
 * suspended, an officer revoked since), the trail must hold a decision to produce, and where a second reviewer is
 * needed (now or when decided) their agreement to that very decision.
 */
export async function disclose(ctx: CoreContext, actor: Actor, id: string) {
  const result = await transition(ctx, actor, id, 'disclose', async (db, row, trx) => {
    const assessment = await assessStored(ctx, trx, row);
    const blocks = disclosureBlocks(assessment);
    if (blocks.length > 0) throw invalidState(`safeguards block disclosure: ${blocks.join('; ')}`);
    const steps = await reviewSteps(db, id);
    const trail = decisionTrail(steps, await trailPeople(ctx, trx, steps));
    const { decision, secondApproval: agreed } = trail;
    if (!decision || !producing(decision.details.decision as Decision)) {
      throw invalidState('no recorded decision to produce data');
    }
    const needed =
      decision.details.second_person === true ||
      trail.decidedByConfirmer ||
      needsSecondReviewer(ctx.config.lawfulTwoPersonTypes, row.request_type, assessment);
    if (needed && !agreed) throw invalidState('this request needs a second reviewer’s approval before disclosure');
    // The productions this disclosure releases: one attached later waits for a fresh review (productions.ts).
    const released = await db.selectFrom('lawful_productions').select('id').where('request_id', '=', id).execute();
    await step(ctx, trx, id, 'disclosure', actor, { productions: released.map((p) => p.id) });
    return {
      to: 'disclosed',
      details: { user_notice: row.nondisclosure_until ? new Date(row.nondisclosure_until).toISOString() : 'now' },
    };
  });
  const row = (await getRequestRow(lawfulDb(ctx.db), id))!;
  await scheduleUserNotice(ctx, id, row.nondisclosure_until ? new Date(row.nondisclosure_until) : new Date());
  return result;
}

export const withdraw = (ctx: CoreContext, actor: Actor, id: string) =>
  transition(ctx, actor, id, 'withdraw', async () => ({ to: 'withdrawn' }));
