import type { AccordModule } from '../core/module.ts';
import { siteRoutes } from './routes.ts';

/** The web: the public awareness site, and the console and agency portal pages (their data comes from the API). */
export const siteModule: AccordModule = { name: 'site', routes: siteRoutes };
