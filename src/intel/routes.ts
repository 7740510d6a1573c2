import type { CoreContext } from '../core/context.ts';
import type { AccordApp } from '../core/http/fastify-types.ts';
import { importRoutes } from './routes/import-routes.ts';
import { profileRoutes } from './routes/profile-routes.ts';
import { queryRoutes } from './routes/query-routes.ts';

export async function intelRoutes(app: AccordApp, ctx: CoreContext) {
  queryRoutes(app, ctx);
  profileRoutes(app, ctx);
  await importRoutes(app, ctx);
}
