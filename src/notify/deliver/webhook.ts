import { createHmac } from 'node:crypto';
import type { Config } from '../../core/config/index.ts';
import { fetchOutbound } from '../../core/http/outbound.ts';
import type { RenderedNotice } from '../render-notice.ts';
import { PermanentDeliveryError } from './channels.ts';

/**
 * `t=<unix seconds>,v2=<HMAC-SHA256 of "<t>.<Idempotency-Key>.<body>" in hex>`: what the receiver recomputes with the
 * shared secret. The key is signed with the body, so a captured request cannot be replayed under another key (and
 * shown again); receivers also refuse a `t` more than 5 minutes from their clock (docs/operations.md).
 */
export function webhookSignature(secret: string, timestamp: number, key: string, body: string): string {
  return `t=${timestamp},v2=${createHmac('sha256', secret).update(`${timestamp}.${key}.${body}`).digest('hex')}`;
}

/**
 * Hands a notice to the provider's product (shown to the person after they sign in). The delivery's id is the
 * Idempotency-Key: a retry carries the same key, so the receiver shows the notice once. `signal` ends the request
 * (the attempt's time limit, or shutdown).
 */
export async function sendNoticeWebhook(
  config: Config,
  delivery: { id: string; noticeId: string },
  account: string,
  notice: RenderedNotice,
  signal?: AbortSignal,
) {
  const body = JSON.stringify({
    type: 'accord.notice',
    notice_id: delivery.noticeId,
    delivery_id: delivery.id,
    account,
    language: notice.language,
    dir: notice.dir,
    subject: notice.subject,
    text: notice.text,
    html: notice.html,
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetchOutbound(config, config.notifyWebhookUrl!, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': delivery.id,
      'x-accord-signature': webhookSignature(config.notifyWebhookSecret!, timestamp, delivery.id, body),
    },
    body,
    // The attempt's time limit (shorter than its lease), not the general outbound one.
    ...(signal ? { signal } : {}),
  });
  await response.body?.cancel();
  if (response.ok) return;
  const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
  const message = `the webhook answered HTTP ${response.status}`;
  throw retryable ? new Error(message) : new PermanentDeliveryError(message);
}

/**
 * A message for an account holder from another module (a lawful request's user notice), handed to the provider's
 * product for accounts that are not e-mail addresses (an account id, a phone number). False when no webhook is
 * configured. `key` is the Idempotency-Key: a retry of the same message is shown once.
 */
export async function sendAccountWebhook(
  config: Config,
  message: { type: string; key: string; account: string; subject: string; text: string },
): Promise<boolean> {
  if (!config.notifyWebhookUrl || !config.notifyWebhookSecret) return false;
  const body = JSON.stringify({
    type: message.type,
    message_id: message.key,
    account: message.account,
    subject: message.subject,
    text: message.text,
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetchOutbound(config, config.notifyWebhookUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': message.key,
      'x-accord-signature': webhookSignature(config.notifyWebhookSecret, timestamp, message.key, body),
    },
    body,
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`the webhook answered HTTP ${response.status}`);
  return true;
}
