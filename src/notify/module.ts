import { ConfigError } from '../core/config/index.ts';
import type { AccordModule } from '../core/module.ts';
import { noticeTask } from './background.ts';
import { channelsFor } from './deliver/channels.ts';
import { deliveryWorker } from './deliver/delivery-worker.ts';
import { notifyMigrations } from './migrations/index.ts';
import { isNoticeLanguage, noticeLanguages } from './render-notice.ts';
import { notifyRoutes } from './routes.ts';

/** Notices to people whose accounts were targeted: policy, approval, templates, durable delivery. */
export const notifyModule: AccordModule = {
  name: 'notify',
  migrations: notifyMigrations,
  routes: (app, ctx) => {
    if (ctx.config.notifyWebhookUrl && !ctx.config.notifyWebhookSecret) {
      throw new ConfigError(
        'ACCORD_NOTIFY_WEBHOOK_SECRET',
        'required when ACCORD_NOTIFY_WEBHOOK_URL is set (to sign notices)',
      );
    }
    if (!isNoticeLanguage(ctx.config.notifyDefaultLanguage)) {
      throw new ConfigError(
        'ACCORD_NOTIFY_DEFAULT_LANGUAGE',
        `no notice template in ${ctx.config.notifyDefaultLanguage} (there are ${noticeLanguages.join(', ')})`,
      );
    }
    notifyRoutes(app, ctx);
  },
  // One delivery worker per configured channel (the deliveries table is their queue), not a job per attempt.
  background: (ctx) => [
    noticeTask(ctx),
    ...(ctx.config.jobsEnabled ? channelsFor(ctx.config).map((channel) => deliveryWorker(ctx, channel)) : []),
  ],
};
