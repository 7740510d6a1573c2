import type { CoreContext } from '../core/context.ts';
import type { AccordApp } from '../core/http/fastify-types.ts';
import { agencyRoutes } from './agency-routes.ts';
import { countryRiskRoutes } from './country-risk-routes.ts';
import { portalRoutes } from './request-routes.ts';
import { reviewRoutes } from './review-routes.ts';

export async function lawfulRoutes(app: AccordApp, ctx: CoreContext) {
  agencyRoutes(app, ctx);
  countryRiskRoutes(app, ctx);
  await portalRoutes(app, ctx);
  reviewRoutes(app, ctx);
}
