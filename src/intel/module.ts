import type { AccordModule } from '../core/module.ts';
import { intelMigrations } from './migrations/index.ts';
import { intelRoutes } from './routes.ts';

/** The threat-intelligence store: STIX 2.1 objects, their versions and relationships, importers and queries. */
export const intelModule: AccordModule = {
  name: 'intel',
  migrations: intelMigrations,
  routes: intelRoutes,
};
