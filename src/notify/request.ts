import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { recordAudit, systemActor, type Actor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import { badRequest, forbidden, invalidState, notFound } from '../core/errors.ts';
import { caseForNotice } from '../cases/service.ts';
import { subjectLanguage } from '../detect/service.ts';
import { channelsFor } from './deliver/channels.ts';
import { noticeLanguageFor, noticeLanguages, type NoticeLanguage } from './render-notice.ts';
import {
  findCaseNotice,
  findPolicy,
  findRecentNotice,
  findSuppression,
  getNotice,
  insertDeliveries,
  insertNotice,
  type NoticeRow,
} from './store/notify-store.ts';
import { notifyDb } from './store/tables.ts';
import type { DbTransaction } from '../core/db/database.ts';

const DEFAULT_POLICY = { mode: 'approval' as const, min_confidence: 0, approvals_required: 1 };

export type NoticeRequestResult =
  | { outcome: 'created'; notice: NoticeRow }
  | { outcome: 'deduplicated'; notice: NoticeRow }
  | { outcome: 'suppressed'; notice: NoticeRow };

/**
 * Asks for a notice to the person a confirmed case concerns. A suppressed person (a test account) gets none, with a
 * record of why; a person already notified, or about to be, for the same campaign within the window is not notified
 * again. The actor's policy decides the rest: automatic policies (for confident cases) send at once, others wait
 * for one or two approvals. The notice is in `chosen`, else in the person's preferred language when there is a
 * notice in it, else in ACCORD_NOTIFY_DEFAULT_LANGUAGE. Audited.
 */
export async function requestNotice(
  ctx: CoreContext,
  actor: Actor,
  caseId: string,
  chosen?: NoticeLanguage,
): Promise<NoticeRequestResult> {
  if (chosen !== undefined && !noticeLanguages.includes(chosen)) throw badRequest(`no notice in ${chosen}`);
  const target = await caseForNotice(ctx, caseId);
  if (!target) throw notFound(`no case ${caseId}`);
  if (target.state !== 'confirmed') {
    throw invalidState(`case ${caseId} is ${target.state}: only a confirmed case leads to a notice`);
  }
  // The language asked for; else the person's own (telemetry, the provider, an analyst); else the configured one.
  const language =
    chosen ??
    noticeLanguageFor(
      (await subjectLanguage(ctx, target.subjectIndex))?.language,
      // Checked at start-up (notify module); `en` only for a process that never started the routes.
      noticeLanguageFor(ctx.config.notifyDefaultLanguage, 'en'),
    );
  const result = await ctx.db.transaction().execute(async (trx) => {
    const db = notifyDb(trx);
    // One decision at a time per person and campaign: an analyst and the automatic policy asking at once would
    // otherwise both find no earlier notice and both send one.
    await sql`select pg_advisory_xact_lock(hashtext(${`${target.subjectIndex}|${target.actor.toLowerCase()}`}))`.execute(
      trx,
    );
    const since = new Date(Date.now() - ctx.config.notifyDedupDays * 86_400_000);
    const recent = await findRecentNotice(db, target.subjectIndex, target.actor, since);
    if (recent) return { outcome: 'deduplicated' as const, notice: recent };
    const suppressed = await findSuppression(db, target.subjectIndex);
    const recorded = suppressed ? await findCaseNotice(db, caseId, 'suppressed') : undefined;
    if (recorded) return { outcome: 'suppressed' as const, notice: recorded };
    const policy = (await findPolicy(db, target.actor)) ?? DEFAULT_POLICY;
    const automatic = policy.mode === 'auto' && target.confidence >= policy.min_confidence;
    const id = randomUUID();
    const notice = {
      id,
      case_id: caseId,
      subject_index: target.subjectIndex,
      campaign: target.actor,
      country: target.country,
      language,
      state: suppressed ? ('suppressed' as const) : automatic ? ('approved' as const) : ('pending_approval' as const),
      requested_by: actor.id ?? actor.label,
      approvals: JSON.stringify([]),
      approvals_required: automatic ? 0 : policy.approvals_required,
      first_detected_at: target.firstSeen,
      delivered_at: null,
    };
    await insertNotice(db, notice);
    await recordAudit(trx, actor, {
      action: suppressed ? 'notice.suppressed' : 'notice.requested',
      objectType: 'notice',
      objectId: id,
      details: { case: caseId, state: notice.state, ...(suppressed ? { reason: suppressed.reason } : {}) },
    });
    if (notice.state === 'approved') await queueDeliveries(ctx, trx, id);
    const row = (await getNotice(db, id))!;
    return { outcome: suppressed ? ('suppressed' as const) : ('created' as const), notice: row };
  });
  return result;
}

/**
 * One approval of a pending notice. Four eyes: whoever asked for the notice cannot approve it, and nobody approves
 * twice. With enough approvals it is sent. Audited.
 */
export async function approveNotice(ctx: CoreContext, actor: Actor, noticeId: string): Promise<NoticeRow> {
  const approver = actor.id ?? actor.label;
  const notice = await ctx.db.transaction().execute(async (trx) => {
    const db = notifyDb(trx);
    const row = await getNotice(db, noticeId, true);
    if (!row) throw notFound(`no notice ${noticeId}`);
    if (row.state !== 'pending_approval')
      throw invalidState(`notice ${noticeId} is ${row.state}, not waiting for approval`);
    if (row.requested_by === approver) throw forbidden('the person who asked for a notice cannot approve it');
    if (row.approvals.includes(approver)) throw invalidState('you have approved this notice already');
    const approvals = [...row.approvals, approver];
    const done = approvals.length >= row.approvals_required;
    await db
      .updateTable('notify_notices')
      .set({ approvals: JSON.stringify(approvals), ...(done ? { state: 'approved' as const } : {}) })
      .where('id', '=', noticeId)
      .execute();
    await recordAudit(trx, actor, {
      action: 'notice.approved',
      objectType: 'notice',
      objectId: noticeId,
      details: { approvals: approvals.length, required: row.approvals_required },
    });
    if (done) await queueDeliveries(ctx, trx, noticeId);
    return (await getNotice(db, noticeId))!;
  });
  return notice;
}

/**
 * A delivery row per configured channel, written with the approval so that none is lost: the row is the queue
 * entry, due at once, which a delivery worker claims. With no channel set up
 * the notice fails at once, loudly, rather than wait for ever.
 */
async function queueDeliveries(ctx: CoreContext, trx: DbTransaction, noticeId: string) {
  const channels = channelsFor(ctx.config).map((channel) => ({ id: randomUUID(), channel }));
  if (channels.length === 0) {
    await notifyDb(trx).updateTable('notify_notices').set({ state: 'failed' }).where('id', '=', noticeId).execute();
    await recordAudit(trx, systemActor('notify'), {
      action: 'notice.delivery_failed',
      objectType: 'notice',
      objectId: noticeId,
      details: { error: 'no delivery channel is configured (ACCORD_SMTP_URL, ACCORD_NOTIFY_WEBHOOK_URL)' },
    });
    return;
  }
  await insertDeliveries(notifyDb(trx), noticeId, channels);
}
