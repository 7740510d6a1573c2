import { recordAudit, systemActor } from '../../core/audit/index.ts';
import type { CoreContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { noticeVerifyVariables } from '../../core/http/public-url.ts';
import { subjectOfCase, transitionCase } from '../../cases/service.ts';
import { renderNotice, type NoticeLanguage } from '../render-notice.ts';
import { markSent, settleAttempt } from '../store/delivery-store.ts';
import { getNotice, noticeDeliveries, type DeliveryRow } from '../store/notify-store.ts';
import { notifyDb } from '../store/tables.ts';
import { retryDelaySeconds } from './backoff.ts';
import { PermanentDeliveryError } from './channels.ts';
import { sendNoticeEmail } from './email.ts';
import { sendNoticeWebhook } from './webhook.ts';

const actor = systemActor('notify');

/**
 * One attempt at a delivery its worker has claimed (status `sending`, holding the lease `attempt_id`). The send is
 * limited to ACCORD_NOTIFY_SEND_TIMEOUT_SECONDS, shorter than the lease, so no other worker takes the delivery
 * while it runs. A failure is retried with back-off (see backoff.ts) by queueing the row again, due later; after
 * ACCORD_NOTIFY_MAX_ATTEMPTS tries, or a failure no retry can mend, the delivery is dead. `signal` is the stopping
 * process taking the attempt back: nothing is recorded then, the worker gives the lease back itself.
 */
export async function runAttempt(ctx: CoreContext, claimed: DeliveryRow, signal: AbortSignal): Promise<void> {
  const notice = (await getNotice(notifyDb(ctx.db), claimed.notice_id))!;
  let account: string | null = null;
  try {
    account = await subjectOfCase(ctx, notice.case_id);
    if (!account) throw new PermanentDeliveryError('the case has no account to notify');
    const rendered = renderNotice(notice.language as NoticeLanguage, {
      // No display name is stored for a person: the account address is no name, so the greeting stays neutral.
      provider: ctx.config.providerName,
      help_url: ctx.config.notifyHelpUrl,
      ...noticeVerifyVariables(ctx.config),
      date: new Date(notice.created_at).toISOString().slice(0, 10),
    });
    signal.throwIfAborted();
    const limit = AbortSignal.any([signal, AbortSignal.timeout(ctx.config.notifySendTimeoutSeconds * 1000)]);
    if (claimed.channel === 'email') await sendNoticeEmail(ctx.config, claimed.id, account, rendered, limit);
    else await sendNoticeWebhook(ctx.config, { id: claimed.id, noticeId: notice.id }, account, rendered, limit);
  } catch (error) {
    if (signal.aborted) return;
    const permanent = error instanceof PermanentDeliveryError || claimed.attempts >= ctx.config.notifyMaxAttempts;
    // Servers quote the address they refused: the account must not reach the audit log or the database in clear.
    const message = account ? (error as Error).message.split(account).join('[account]') : (error as Error).message;
    const delay = permanent ? 0 : retryDelaySeconds(ctx.config.notifyRetrySeconds, claimed.attempts);
    const settled = await settle(ctx, claimed, permanent ? 'dead' : 'queued', message, delay);
    if (settled) ctx.log.warn({ delivery: claimed.id, attempt: claimed.attempts, error: message }, 'delivery failed');
    return;
  }
  // Recorded even when the process is stopping: the lease may have been given back, but a success is a success.
  await settle(ctx, claimed, 'sent');
}

/**
 * Records how an attempt ended (a retry due `retryInSeconds` later), and the notice's state once all its deliveries have. A success is recorded whichever
 * attempt it came from; a failure only by the attempt still holding the lease, so a late failure never undoes a
 * success or a later attempt. False when the attempt had lost its lease (nothing recorded).
 */
export async function settle(
  ctx: CoreContext,
  attempt: { id: string; attempt_id: string | null },
  status: 'sent' | 'queued' | 'dead',
  error?: string,
  retryInSeconds = 0,
): Promise<boolean> {
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const db = notifyDb(trx);
    const d =
      status === 'sent'
        ? await markSent(db, attempt.id)
        : await settleAttempt(
            db,
            attempt.id,
            attempt.attempt_id!,
            { status, last_error: error ?? null },
            status === 'queued' ? retryInSeconds : undefined,
          );
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
