import type { CoreContext } from '../core/context.ts';
import type { AccordApp } from '../core/http/fastify-types.ts';
import { publicRoutes } from './public-routes.ts';
import { staffRoutes } from './staff-routes.ts';

export async function transparencyRoutes(app: AccordApp, ctx: CoreContext) {
  publicRoutes(app, ctx);
  await staffRoutes(app, ctx);
}
