import { recordAudit, systemActor } from '../../core/audit/index.ts';
import type { CoreContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { noticeVerifyUrl } from '../../core/http/public-url.ts';
import { defineJob } from '../../core/jobs/index.ts';
import { subjectOfCase, transitionCase } from '../../cases/service.ts';
import { renderNotice, type NoticeLanguage } from '../render-notice.ts';
import { randomUUID } from 'node:crypto';
import { claimAttempt, markSent, settleAttempt } from '../store/delivery-store.ts';
import { getDelivery, getNotice, noticeDeliveries } from '../store/notify-store.ts';
import { notifyDb } from '../store/tables.ts';
import { PermanentDeliveryError } from './channels.ts';
import { sendNoticeEmail } from './email.ts';
import { sendNoticeWebhook } from './webhook.ts';

const actor = systemActor('notify');

/**
 * Delivers one notice on one channel. Runs as a durable job: a failure is retried with back-off (the queue's), a
 * worker that dies mid-send is replaced once the job expires, and after ACCORD_NOTIFY_MAX_ATTEMPTS tries, or a
 * failure no retry can mend, the delivery is dead (recorded, not retried). A delivery already sent is never sent
 * again, whatever the queue does.
 */
export const deliveryJob = (ctx: CoreContext) =>
  defineJob<{ deliveryId: string }>({
    name: 'notify.deliver',
    retryLimit: 50, // the delivery row's own attempt count decides when to give up
    retryDelaySeconds: 2,
    retryBackoff: true,
    // A worker that has not finished a delivery by then is presumed dead: the job runs again elsewhere.
    expireInSeconds: ctx.config.notifySendTimeoutSeconds,
    concurrency: 4,
    handler: async ({ deliveryId }) => deliver(ctx, deliveryId),
  });

export async function deliver(ctx: CoreContext, deliveryId: string): Promise<void> {
  const claimed = await ctx.db.transaction().execute(async (trx) => {
    const db = notifyDb(trx);
    const d = await getDelivery(db, deliveryId, true);
    if (!d || d.status === 'sent' || d.status === 'dead') return null;
    // Another worker has it (a duplicate job): leave it, unless that worker has been silent past its lease.
    const lease = ctx.config.notifySendTimeoutSeconds * 1000;
    const leased = d.status === 'sending' && d.claimed_at && Date.now() - new Date(d.claimed_at).getTime() < lease;
    if (leased) return null;
    return claimAttempt(db, deliveryId, randomUUID(), d.attempts + 1);
  });
  if (!claimed) return;
  const notice = (await getNotice(notifyDb(ctx.db), claimed.notice_id))!;
  let account: string | null = null;
  try {
    account = await subjectOfCase(ctx, notice.case_id);
    if (!account) throw new PermanentDeliveryError('the case has no account to notify');
    const rendered = renderNotice(notice.language as NoticeLanguage, {
      name: account,
      provider: ctx.config.providerName,
      help_url: ctx.config.notifyHelpUrl,
      verify_url: noticeVerifyUrl(ctx.config),
      date: new Date(notice.created_at).toISOString().slice(0, 10),
    });
    if (claimed.channel === 'email') await sendNoticeEmail(ctx.config, deliveryId, account, rendered);
    else await sendNoticeWebhook(ctx.config, { id: deliveryId, noticeId: notice.id }, account, rendered);
  } catch (error) {
    const permanent = error instanceof PermanentDeliveryError || claimed.attempts >= ctx.config.notifyMaxAttempts;
    // Servers quote the address they refused: the account must not reach the audit log or the database in clear.
    const message = account ? (error as Error).message.split(account).join('[account]') : (error as Error).message;
    const settled = await settle(ctx, claimed, permanent ? 'dead' : 'queued', message);
    // the queue keeps and logs job errors: the scrubbed one
    if (settled && !permanent) throw new Error(message);
    return;
  }
  await settle(ctx, claimed, 'sent');
}

/**
 * Records how an attempt ended, and the notice's state once all its deliveries have. A success is recorded whichever
 * attempt it came from; a failure only by the attempt still holding the lease, so a late failure never undoes a
 * success or a later attempt. False when the attempt had lost its lease (nothing recorded).
 */
export async function settle(
  ctx: CoreContext,
  attempt: { id: string; attempt_id: string | null },
  status: 'sent' | 'queued' | 'dead',
  error?: string,
): Promise<boolean> {
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const db = notifyDb(trx);
    const d =
      status === 'sent'
        ? await markSent(db, attempt.id)
        : await settleAttempt(db, attempt.id, attempt.attempt_id!, { status, last_error: error ?? null });
    if (!d) return { settled: false, caseId: null };
    await recordAudit(trx, actor, {
      action:
        status === 'sent'
          ? 'notice.delivered'
          : status === 'dead'
            ? 'notice.delivery_failed'
            : 'notice.delivery_retried',
      objectType: 'notice',
      objectId: d.notice_id,
      details: { delivery: d.id, channel: d.channel, attempt: d.attempts, ...(error ? { error } : {}) },
    });
    const all = await noticeDeliveries(db, d.notice_id);
    const finished = all.every((x) => x.status === 'sent' || x.status === 'dead');
    if (!finished) return { settled: true, caseId: null };
    const delivered = all.some((x) => x.status === 'sent');
    const notice = (await getNotice(db, d.notice_id, true))!;
    if (notice.state !== 'approved') return { settled: true, caseId: null };
    await db
      .updateTable('notify_notices')
      .set({ state: delivered ? 'delivered' : 'failed', ...(delivered ? { delivered_at: new Date() } : {}) })
      .where('id', '=', notice.id)
      .execute();
    return { settled: true, caseId: delivered ? notice.case_id : null };
  });
  if (outcome.caseId) {
    try {
      await transitionCase(ctx, actor, outcome.caseId, 'notified');
    } catch (e) {
      // The case moved on meanwhile (closed, or notified by another notice): the notice stands on its own.
      if (!(e instanceof AppError)) throw e;
    }
  }
  return outcome.settled;
}
