import type { AccordModule } from '../core/module.ts';
import { notifyRoutes } from './routes.ts';

/** Notices to people whose accounts were targeted: templates now; policy and delivery to follow. */
export const notifyModule: AccordModule = {
  name: 'notify',
  routes: notifyRoutes,
};
