import type { CoreContext } from '../../core/context.ts';
import { noticeVerifyVariables } from '../../core/http/public-url.ts';
import { subjectOfCase } from '../../cases/service.ts';
import { renderNotice, type NoticeLanguage } from '../render-notice.ts';
import { getNotice, type DeliveryRow } from '../store/notify-store.ts';
import { notifyDb } from '../store/tables.ts';
import { retryDelaySeconds } from './backoff.ts';
import { PermanentDeliveryError } from './channels.ts';
import { sendNoticeEmail } from './email.ts';
import { settleOutcomes, type AttemptOutcome } from './settle.ts';
import { sendNoticeWebhook } from './webhook.ts';

/**
 * One attempt at a delivery its worker has claimed (status `sending`, holding the lease `attempt_id`). The send is
 * limited to ACCORD_NOTIFY_SEND_TIMEOUT_SECONDS, shorter than the lease, so no other worker takes the delivery
 * while it runs. A failure is retried with back-off (see backoff.ts) by queueing the row again, due later; after
 * ACCORD_NOTIFY_MAX_ATTEMPTS tries, or a failure no retry can mend, the delivery is dead. `signal` is the stopping
 * process taking the attempt back: nothing is recorded then, the worker gives the lease back itself.
 */
export async function runAttempt(
  ctx: CoreContext,
  claimed: DeliveryRow,
  signal: AbortSignal,
  recordSent: (claimed: DeliveryRow) => Promise<unknown> = (c) => settle(ctx, c, 'sent'),
): Promise<void> {
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
  await recordSent(claimed);
}

/**
 * Records how one attempt ended (a retry due `retryInSeconds` later): see settleOutcomes. False when nothing was
 * recorded (the delivery had been settled, or the attempt had lost its lease).
 */
export async function settle(
  ctx: CoreContext,
  attempt: AttemptOutcome['attempt'],
  status: AttemptOutcome['status'],
  error?: string,
  retryInSeconds = 0,
): Promise<boolean> {
  const [settled] = await settleOutcomes(ctx, [{ attempt, status, error, retryInSeconds }]);
  return settled!;
}
