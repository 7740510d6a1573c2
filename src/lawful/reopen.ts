import { randomUUID } from 'node:crypto';
import { recordAudit, type Actor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import type { DbTransaction } from '../core/db/database.ts';
import { assessStored } from './assess.ts';
import { sealStepDetails } from './free-text.ts';
import type { RequestState } from './states.ts';
import { getRequestRow } from './store/lawful-store.ts';
import { lawfulDb } from './store/tables.ts';

/**
 * States that hold a decision (or a disclosure) which a later change would slip past: a change to the request
 * there sends it back to review. Productions pass `disclosed` only: attaching one to an approved request is the
 * normal way to disclose, attaching one after disclosure is a change.
 */
export const decidedStates: readonly RequestState[] = ['awaiting_second_approval', 'approved', 'narrowing_requested'];

export type ReopenCause = 'document_added' | 'callback_recorded' | 'production_added';

/**
 * Re-opens review inside the caller's transaction when the request is past a decision: the decision and every
 * approval before this point no longer count (decisionTrail reads only steps after the last `reopened`), the
 * request is back in review with its safeguards assessed afresh, and it needs the full approvals again. Audited.
 * Returns whether it re-opened.
 */
export async function reopenReview(
  ctx: CoreContext,
  trx: DbTransaction,
  actor: Actor,
  requestId: string,
  cause: ReopenCause,
  states: readonly RequestState[] = decidedStates,
): Promise<boolean> {
  const db = lawfulDb(trx);
  const row = await getRequestRow(db, requestId, true);
  if (!row || !states.includes(row.state)) return false;
  await db
    .insertInto('lawful_review_steps')
    .values({
      id: randomUUID(),
      request_id: requestId,
      kind: 'reopened',
      reviewer: actor.id ?? actor.label,
      ...sealStepDetails(ctx, { cause, from: row.state }),
    })
    .execute();
  const assessment = await assessStored(ctx, trx, row);
  await db
    .updateTable('lawful_requests')
    .set({
      state: 'in_review',
      decision: null,
      decided_by: null,
      assessment: JSON.stringify(assessment),
      updated_at: new Date(),
    })
    .where('id', '=', requestId)
    .execute();
  await recordAudit(trx, actor, {
    action: 'lawful_request.review_reopened',
    objectType: 'lawful_request',
    objectId: requestId,
    details: { from: row.state, to: 'in_review', cause },
  });
  return true;
}
