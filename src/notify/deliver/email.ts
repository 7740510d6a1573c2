import { createTransport, type Transporter } from 'nodemailer';
import type { Config } from '../../core/config/index.ts';
import type { RenderedNotice } from '../render-notice.ts';
import { PermanentDeliveryError } from './channels.ts';

const transports = new Map<string, Transporter>();
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Sends a notice by e-mail. The Message-ID is the delivery's id, so that a retry after a crash at the worst moment
 * (the server accepted the message, the worker died before recording it) is recognisable as the same message.
 * `signal` ends the wait (the attempt's time limit, or shutdown): the exchange itself cannot be called back, and
 * its socket closes by the same time limit (socketTimeout), so a message the server accepts after that is the
 * SMTP acceptance window docs/operations.md describes.
 */
export async function sendNoticeEmail(
  config: Config,
  deliveryId: string,
  to: string,
  notice: RenderedNotice,
  signal?: AbortSignal,
) {
  if (!EMAIL.test(to)) throw new PermanentDeliveryError('the account is not an e-mail address');
  const transport = transportFor(config);
  try {
    const sending = transport.sendMail({
      from: config.notifyFrom,
      to,
      subject: notice.subject,
      text: notice.text,
      html: `<!doctype html><html lang="${notice.language}" dir="${notice.dir}"><body>${notice.html}</body></html>`,
      messageId: `<${deliveryId}@accord.notices>`,
      // RFC 3834: an automatic message, which vacation responders and other auto-replies must not answer.
      headers: { 'Content-Language': notice.language, 'Auto-Submitted': 'auto-generated' },
    });
    await (signal ? untilAborted(sending, signal, config.notifySendTimeoutSeconds) : sending);
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    // 5xx answers are final (no such mailbox, refused); 4xx and connection failures are worth another try.
    if (code !== undefined && code >= 500)
      throw new PermanentDeliveryError(`SMTP ${code}: ${(error as Error).message}`);
    throw error;
  }
}

/**
 * One pooled transport per SMTP URL, each phase of an exchange limited to the attempt's time limit. Pooled: messages
 * reuse open connections (up to one per delivery slot, ACCORD_NOTIFY_CONCURRENCY), instead of a connection, greeting
 * and EHLO per message, which was most of an attempt's time.
 */
function transportFor(config: Config): Transporter {
  const url = config.smtpUrl!;
  let transport = transports.get(url);
  if (!transport) {
    const timeout = config.notifySendTimeoutSeconds * 1000;
    transport = createTransport({
      url,
      pool: true,
      maxConnections: config.notifyConcurrency,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
    transports.set(url, transport);
  }
  return transport;
}

/** Closes the pooled SMTP connections (a stopping process); the next message opens a new pool. */
export function closeEmailTransports() {
  for (const transport of transports.values()) transport.close();
  transports.clear();
}

/** `work`, or a rejection as soon as `signal` aborts; a late rejection of `work` is then ignored. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal, limitSeconds: number): Promise<T> {
  work.catch(() => {});
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      const timedOut = (signal.reason as Error | undefined)?.name === 'TimeoutError';
      reject(timedOut ? new Error(`the SMTP server did not answer within ${limitSeconds} s`) : signal.reason);
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * A plain e-mail to an account holder from another module (a lawful request's user notice). False when no SMTP
 * server is configured. The Message-ID makes a resend after a crash recognisable as the same message.
 */
export async function sendAccountEmail(
  config: Config,
  message: { to: string; subject: string; text: string; messageId: string },
): Promise<boolean> {
  if (!config.smtpUrl) return false;
  if (!EMAIL.test(message.to)) throw new PermanentDeliveryError('the account is not an e-mail address');
  const transport = transportFor(config);
  await transport.sendMail({
    from: config.notifyFrom,
    to: message.to,
    subject: message.subject,
    text: message.text,
    messageId: message.messageId,
    headers: { 'Auto-Submitted': 'auto-generated' },
  });
  return true;
}
