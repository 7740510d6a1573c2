import { randomUUID } from 'node:crypto';
import { recordAudit, type Actor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import type { Executor } from '../core/db/database.ts';
import { badRequest, forbidden, invalidState, notFound, validationFailed } from '../core/errors.ts';
import { assessStored } from './assess.ts';
import { scheduleUserNotice } from './user-notice.ts';
import { checklistProblems, type Checklist } from './checklist.ts';
import { blocking, escalated, type Signal } from './safeguards.ts';
import { requestTransitionProblem, stateOfDecision, type Decision, type RequestState } from './states.ts';
import { getRequestRow, reviewSteps } from './store/lawful-store.ts';
import { lawfulDb, type LawfulDb, type ReviewStepTable } from './store/tables.ts';

/** Request types always decided by two people (ACCORD_LAWFUL_TWO_PERSON_TYPES); escalated requests too. */
const twoPerson = (ctx: CoreContext, type: string) => ctx.config.lawfulTwoPersonTypes.split(',').includes(type);

type Row = NonNullable<Awaited<ReturnType<typeof getRequestRow>>>;

async function step(
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
      details: JSON.stringify(details),
    })
    .execute();
}

/** Loads a request under lock, moves it to `to` if the state machine allows, refreshes its assessment, audits. */
async function transition(
  ctx: CoreContext,
  actor: Actor,
  id: string,
  to: RequestState,
  body: (db: LawfulDb, row: Row, trx: Executor) => Promise<Record<string, unknown> | void>,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const db = lawfulDb(trx);
    const row = await getRequestRow(db, id, true);
    if (!row) throw notFound(`no request ${id}`);
    const problem = requestTransitionProblem(row.state, to);
    if (problem) throw invalidState(problem, { state: row.state });
    const details = (await body(db, row, trx)) ?? {};
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
      details: { from: row.state, to, ...details },
    });
    return { id, state: to, assessment };
  });
}

export const startReview = (ctx: CoreContext, actor: Actor, id: string) =>
  transition(ctx, actor, id, 'in_review', async () => {});

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
  return ctx.db.transaction().execute(async (trx) => {
    const db = lawfulDb(trx);
    const row = await getRequestRow(db, id, true);
    if (!row) throw notFound(`no request ${id}`);
    const contact = await db
      .selectFrom('lawful_contacts')
      .selectAll()
      .where('id', '=', input.contact_id)
      .executeTakeFirst();
    if (!contact || contact.agency_id !== row.agency_id) {
      throw badRequest("the callback must go through a contact registered for the request's agency");
    }
    await step(trx, id, 'callback', actor, { contact: contact.id, outcome: input.outcome, notes: input.notes });
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
      details: { contact: contact.id, outcome: input.outcome },
    });
    return { id, assessment };
  });
}

export const requestClarification = (ctx: CoreContext, actor: Actor, id: string, question: string) =>
  transition(ctx, actor, id, 'clarification_requested', async (_db, _row, trx) => {
    await step(trx, id, 'clarification', actor, { question });
  });

export const answerClarification = (ctx: CoreContext, actor: Actor, id: string, answer: string) =>
  transition(ctx, actor, id, 'in_review', async (_db, _row, trx) => {
    await step(trx, id, 'clarification', actor, { answer });
  });

function disclosureBlocks(signals: readonly Signal[]): string[] {
  return blocking(signals).map((s) => s.message);
}

/**
 * A reviewer's decision with the checklist it rests on. A decision to produce data is refused while a safeguard
 * blocks it; it waits for a second reviewer when the type calls for two people or the request was escalated.
 */
export async function decide(
  ctx: CoreContext,
  actor: Actor,
  id: string,
  input: { decision: Decision; reasons: string; checklist: Partial<Checklist> },
) {
  const row = await getRequestRow(lawfulDb(ctx.db), id);
  if (!row) throw notFound(`no request ${id}`);
  const problems = checklistProblems(input.checklist, input.decision, row.data_categories.includes('content'));
  if (problems.length > 0)
    throw validationFailed(`the checklist does not support ${input.decision}: ${problems.join('; ')}`);
  const producing = input.decision === 'produce' || input.decision === 'produce_partial';
  const assessment = await assessStored(ctx, ctx.db, row);
  const blocks = producing ? disclosureBlocks(assessment) : [];
  if (blocks.length > 0) throw invalidState(`safeguards block disclosure: ${blocks.join('; ')}`);
  const secondPerson = producing && (twoPerson(ctx, row.request_type) || escalated(assessment));
  const to = secondPerson ? 'awaiting_second_approval' : stateOfDecision[input.decision];
  return transition(ctx, actor, id, to, async (db, _row, trx) => {
    await step(trx, id, 'checklist', actor, { checklist: input.checklist });
    await step(trx, id, 'decision', actor, { decision: input.decision, reasons: input.reasons });
    await db
      .updateTable('lawful_requests')
      .set({ decision: input.decision, decided_by: actor.id ?? actor.label })
      .where('id', '=', id)
      .execute();
    return { decision: input.decision, second_person: secondPerson };
  });
}

/** The second reviewer: never the one who decided. Agrees (approved) or sends the request back to review. */
export async function secondApproval(
  ctx: CoreContext,
  actor: Actor,
  id: string,
  input: { agree: boolean; reasons: string },
) {
  const row = await getRequestRow(lawfulDb(ctx.db), id);
  if (!row) throw notFound(`no request ${id}`);
  if (row.decided_by === (actor.id ?? actor.label))
    throw forbidden('the second approval must come from another reviewer');
  return transition(ctx, actor, id, input.agree ? 'approved' : 'in_review', async (_db, _row, trx) => {
    await step(trx, id, 'second_approval', actor, { agree: input.agree, reasons: input.reasons });
  });
}

/**
 * Discloses an approved request's data: the last gate. Every blocking safeguard is checked again now (an agency
 * suspended, an officer revoked since), and escalated or two-person requests must carry a second approval.
 */
export async function disclose(ctx: CoreContext, actor: Actor, id: string) {
  const result = await transition(ctx, actor, id, 'disclosed', async (db, row, trx) => {
    const assessment = await assessStored(ctx, trx, row);
    const blocks = disclosureBlocks(assessment);
    if (blocks.length > 0) throw invalidState(`safeguards block disclosure: ${blocks.join('; ')}`);
    const steps = await reviewSteps(db, id);
    const approvedBySecond = steps.some((s) => s.kind === 'second_approval' && s.details.agree === true);
    if ((twoPerson(ctx, row.request_type) || escalated(assessment)) && !approvedBySecond) {
      throw invalidState('this request needs a second reviewer’s approval before disclosure');
    }
    await step(trx, id, 'disclosure', actor, {});
    return { user_notice: row.nondisclosure_until ? new Date(row.nondisclosure_until).toISOString() : 'now' };
  });
  const row = (await getRequestRow(lawfulDb(ctx.db), id))!;
  await scheduleUserNotice(ctx, id, row.nondisclosure_until ? new Date(row.nondisclosure_until) : new Date());
  return result;
}

export const withdraw = (ctx: CoreContext, actor: Actor, id: string) =>
  transition(ctx, actor, id, 'withdrawn', async () => {});
