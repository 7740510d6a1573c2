import type { AccordModule } from '../core/module.ts';
import { natsTask, retroHuntWatcher } from './background.ts';
import { retroHuntJob } from './retro-hunt.ts';
import { detectMigrations } from './migrations/index.ts';
import { detectRoutes } from './routes.ts';

/** The detection engine: indicators matched against telemetry, detections folded and attributed. */
export const detectModule: AccordModule = {
  name: 'detect',
  migrations: detectMigrations,
  routes: detectRoutes,
  jobs: (ctx) => [retroHuntJob(ctx)],
  background: (ctx) => [natsTask(ctx), retroHuntWatcher(ctx)],
  encryptedFields: [{ table: 'detect_detections', key: 'id', column: 'subject_enc', storage: 'text' }],
};
