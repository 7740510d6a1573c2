import type { AccordModule } from '../core/module.ts';
import { shareMigrations } from './migrations/index.ts';
import { shareRoutes } from './routes.ts';

/** Sharing with peers: a TAXII 2.1 server over collections of published objects, with TLP enforced. */
export const shareModule: AccordModule = {
  name: 'share',
  migrations: shareMigrations,
  routes: shareRoutes,
};
