/** The notify module's public face. */
import { recordAudit, type Actor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import { notFound } from '../core/errors.ts';
import { subjectIndexOf } from '../detect/service.ts';
import {
  getNotice,
  listNotices,
  listPolicies,
  noticeDeliveries,
  upsertPolicy,
  type NoticeRow,
} from './store/notify-store.ts';
import { notifyDb } from './store/tables.ts';

export { requestNotice, approveNotice, type NoticeRequestResult } from './request.ts';
export { noticeFigures, peopleNotified, type NoticeFigures } from './figures.ts';
export { renderNotice, noticeLanguages, type NoticeLanguage } from './render-notice.ts';
export { sendAccountEmail } from './deliver/email.ts';
export { sendAccountWebhook } from './deliver/webhook.ts';

export const presentNotice = (n: NoticeRow) => ({
  id: n.id,
  case_id: n.case_id,
  campaign: n.campaign,
  language: n.language,
  state: n.state,
  approvals: n.approvals.length,
  approvals_required: n.approvals_required,
  created_at: new Date(n.created_at).toISOString(),
  delivered_at: n.delivered_at ? new Date(n.delivered_at).toISOString() : null,
});

export async function findNotices(ctx: CoreContext, q: { state?: string; limit: number }) {
  return (await listNotices(notifyDb(ctx.db), q)).map(presentNotice);
}

/** A notice with the status of each of its deliveries. */
export async function noticeStatus(ctx: CoreContext, id: string) {
  const db = notifyDb(ctx.db);
  const notice = await getNotice(db, id);
  if (!notice) throw notFound(`no notice ${id}`);
  const deliveries = await noticeDeliveries(db, id);
  return {
    ...presentNotice(notice),
    deliveries: deliveries.map((d) => ({
      channel: d.channel,
      status: d.status,
      attempts: d.attempts,
      last_error: d.last_error,
      sent_at: d.sent_at ? new Date(d.sent_at).toISOString() : null,
    })),
  };
}

export interface PolicyInput {
  mode: 'auto' | 'approval';
  min_confidence: number;
  approvals_required: number;
}

export const policies = (ctx: CoreContext) => listPolicies(notifyDb(ctx.db));

/** Sets how notices for an actor's campaigns (or `*`, every other) are sent. Audited. */
export async function setPolicy(ctx: CoreContext, actor: Actor, campaign: string, input: PolicyInput) {
  await ctx.db.transaction().execute(async (trx) => {
    await upsertPolicy(notifyDb(trx), { actor: campaign, ...input });
    await recordAudit(trx, actor, {
      action: 'notice.policy_set',
      objectType: 'notice_policy',
      objectId: campaign,
      details: { ...input },
    });
  });
}

/** Never notify this account (a test account, staff), for a reason. Stored and audited by keyed hash only. */
export async function suppress(ctx: CoreContext, actor: Actor, account: string, reason: string) {
  const subjectIndex = subjectIndexOf(ctx, account);
  await ctx.db.transaction().execute(async (trx) => {
    await notifyDb(trx)
      .insertInto('notify_suppressions')
      .values({ subject_index: subjectIndex, reason, created_by: actor.label })
      .onConflict((oc) => oc.column('subject_index').doUpdateSet({ reason }))
      .execute();
    await recordAudit(trx, actor, {
      action: 'notice.suppression_added',
      objectType: 'notice_suppression',
      objectId: subjectIndex.slice(0, 16),
      details: { reason },
    });
  });
}

export async function unsuppress(ctx: CoreContext, actor: Actor, account: string) {
  const subjectIndex = subjectIndexOf(ctx, account);
  await ctx.db.transaction().execute(async (trx) => {
    const removed = await notifyDb(trx)
      .deleteFrom('notify_suppressions')
      .where('subject_index', '=', subjectIndex)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw notFound('that account is not suppressed');
    await recordAudit(trx, actor, {
      action: 'notice.suppression_removed',
      objectType: 'notice_suppression',
      objectId: subjectIndex.slice(0, 16),
    });
  });
}
