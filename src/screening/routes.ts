import type { CoreContext } from '../core/context.ts';
import type { AccordApp } from '../core/http/fastify-types.ts';
import { listRoutes } from './list-routes.ts';
import { partyRoutes } from './party-routes.ts';
import { reviewRoutes } from './review-routes.ts';

export function screeningRoutes(app: AccordApp, ctx: CoreContext) {
  listRoutes(app, ctx);
  partyRoutes(app, ctx);
  reviewRoutes(app, ctx);
}
