import type { AccordModule } from '../core/module.ts';
import { transparencyMigrations } from './migrations/index.ts';
import { transparencyRoutes } from './routes.ts';

/** Transparency reports: request and notification figures, reviewed and published as immutable releases. */
export const transparencyModule: AccordModule = {
  name: 'transparency',
  migrations: transparencyMigrations,
  routes: transparencyRoutes,
};
