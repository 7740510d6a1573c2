import type { AccordModule } from '../core/module.ts';
import { screeningMigrations } from './migrations/index.ts';
import { rescreenJob } from './rescreen-job.ts';
import { screeningRoutes } from './routes.ts';

/** Due diligence on customers, partners and vendors: restriction lists, the matcher, screening, decisions. */
export const screeningModule: AccordModule = {
  name: 'screening',
  migrations: screeningMigrations,
  routes: screeningRoutes,
  jobs: (ctx) => [rescreenJob(ctx)],
};
