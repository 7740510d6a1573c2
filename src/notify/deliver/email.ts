import { createTransport, type Transporter } from 'nodemailer';
import type { Config } from '../../core/config/index.ts';
import type { RenderedNotice } from '../render-notice.ts';
import { PermanentDeliveryError } from './channels.ts';

const transports = new Map<string, Transporter>();
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Sends a notice by e-mail. The Message-ID is the delivery's id, so that a retry after a crash at the worst moment
 * (the server accepted the message, the worker died before recording it) is recognisable as the same message.
 */
export async function sendNoticeEmail(config: Config, deliveryId: string, to: string, notice: RenderedNotice) {
  if (!EMAIL.test(to)) throw new PermanentDeliveryError('the account is not an e-mail address');
  const url = config.smtpUrl!;
  let transport = transports.get(url);
  if (!transport) {
    const timeout = config.notifySendTimeoutSeconds * 1000;
    transport = createTransport({ url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
    transports.set(url, transport);
  }
  try {
    await transport.sendMail({
      from: config.notifyFrom,
      to,
      subject: notice.subject,
      text: notice.text,
      html: `<!doctype html><html lang="${notice.language}" dir="${notice.dir}"><body>${notice.html}</body></html>`,
      messageId: `<${deliveryId}@accord.notices>`,
      headers: { 'Content-Language': notice.language },
    });
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    // 5xx answers are final (no such mailbox, refused); 4xx and connection failures are worth another try.
    if (code !== undefined && code >= 500)
      throw new PermanentDeliveryError(`SMTP ${code}: ${(error as Error).message}`);
    throw error;
  }
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
  let transport = transports.get(config.smtpUrl);
  if (!transport) {
    const timeout = config.notifySendTimeoutSeconds * 1000;
    transport = createTransport({
      url: config.smtpUrl,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
    transports.set(config.smtpUrl, transport);
  }
  await transport.sendMail({
    from: config.notifyFrom,
    to: message.to,
    subject: message.subject,
    text: message.text,
    messageId: message.messageId,
  });
  return true;
}
