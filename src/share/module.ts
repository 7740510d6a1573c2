import type { AccordModule } from '../core/module.ts';
import { shareMigrations } from './migrations/index.ts';
import { shareRoutes } from './routes.ts';
import { pullJob, subscriptionScheduler } from './client/pull-job.ts';

/** Sharing with peers: a TAXII 2.1 server over collections of published objects, with TLP enforced. */
export const shareModule: AccordModule = {
  name: 'share',
  migrations: shareMigrations,
  routes: shareRoutes,
  jobs: (ctx) => [pullJob(ctx)],
  background: (ctx) => [subscriptionScheduler(ctx)],
  encryptedFields: [{ table: 'share_subscriptions', key: 'id', column: 'secret_enc', storage: 'text' }],
};
