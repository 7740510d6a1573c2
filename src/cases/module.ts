import type { AccordModule } from '../core/module.ts';
import { caseSyncTask } from './background.ts';
import { casesMigrations } from './migrations/index.ts';
import { casesRoutes } from './routes.ts';

/** Targeting cases: detections grouped per person and actor, triaged, confirmed and (later) notified. */
export const casesModule: AccordModule = {
  name: 'cases',
  migrations: casesMigrations,
  routes: casesRoutes,
  background: (ctx) => [caseSyncTask(ctx)],
  encryptedFields: [{ table: 'cases_notes', key: 'id', column: 'body_enc', storage: 'text' }],
};
