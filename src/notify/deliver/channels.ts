import type { Config } from '../../core/config/index.ts';
import type { Channel } from '../store/tables.ts';

/** The channels this installation delivers notices on: e-mail when SMTP is set up, the product's webhook when set. */
export function channelsFor(config: Config): Channel[] {
  const channels: Channel[] = [];
  if (config.smtpUrl) channels.push('email');
  if (config.notifyWebhookUrl) channels.push('webhook');
  return channels;
}

/** A failure that retrying cannot mend (no such address, a refusal): the delivery is given up at once. */
export class PermanentDeliveryError extends Error {}
