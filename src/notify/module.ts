import { ConfigError } from '../core/config/index.ts';
import type { AccordModule } from '../core/module.ts';
import { noticeTask } from './background.ts';
import { deliveryJob } from './deliver/delivery-job.ts';
import { notifyMigrations } from './migrations/index.ts';
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
    notifyRoutes(app, ctx);
  },
  jobs: (ctx) => [deliveryJob(ctx)],
  background: (ctx) => [noticeTask(ctx)],
};
