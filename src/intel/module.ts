import type { AccordModule } from '../core/module.ts';
import { sweepAbandonedImports } from './ingest/import-sweep.ts';
import { intelMigrations } from './migrations/index.ts';
import { intelRoutes } from './routes.ts';

/** The threat-intelligence store: STIX 2.1 objects, their versions and relationships, importers and queries. */
export const intelModule: AccordModule = {
  name: 'intel',
  migrations: intelMigrations,
  routes: intelRoutes,
  onOpen: async (ctx) => {
    await sweepAbandonedImports(ctx, 'start-up');
  },
};
