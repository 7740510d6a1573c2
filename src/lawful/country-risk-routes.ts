import { Type } from '@sinclair/typebox';
import { actorOf } from '../core/auth/principal.ts';
import type { CoreContext } from '../core/context.ts';
import type { AccordApp } from '../core/http/fastify-types.ts';
import { problems } from '../core/http/schemas.ts';
import { countryRisks, removeCountryRisk, riskLevels, setCountryRisk } from './service.ts';

const Country = Type.Object({ country: Type.String({ pattern: '^[A-Za-z]{2}$' }) });
const Risk = Type.Object({
  country: Type.String(),
  level: Type.String(),
  source: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
});

/** The country human-rights-risk table the review's `country_risk` safeguard reads. */
export function countryRiskRoutes(app: AccordApp, ctx: CoreContext) {
  app.get(
    '/api/lawful/country-risk',
    {
      config: { permission: 'lawful:read' },
      schema: {
        tags: ['lawful'],
        summary: 'The country human-rights-risk table (high escalates a request to two reviewers; elevated warns)',
        response: {
          200: Type.Object({
            countries: Type.Array(
              Type.Object({ ...Risk.properties, updated_by: Type.String(), updated_at: Type.String() }),
            ),
          }),
          ...problems(401, 403),
        },
      },
    },
    async () => ({
      countries: (await countryRisks(ctx)).map((r) => ({ ...r, updated_at: new Date(r.updated_at).toISOString() })),
    }),
  );

  app.put(
    '/api/lawful/country-risk/:country',
    {
      config: { permission: 'lawful:agencies' },
      schema: {
        tags: ['lawful'],
        summary: "Set a country's risk level and where the assessment comes from",
        params: Country,
        body: Type.Object(
          {
            level: Type.Union(riskLevels.map((l) => Type.Literal(l))),
            source: Type.String({ minLength: 2, maxLength: 500 }),
            note: Type.Optional(Type.String({ maxLength: 5000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Risk, ...problems(400, 401, 403) },
      },
    },
    async (req) =>
      setCountryRisk(ctx, actorOf(req.principal, req.ip, req.id), { country: req.params.country, ...req.body }),
  );

  app.delete(
    '/api/lawful/country-risk/:country',
    {
      config: { permission: 'lawful:agencies' },
      schema: {
        tags: ['lawful'],
        summary: 'Remove a country from the table',
        params: Country,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await removeCountryRisk(ctx, actorOf(req.principal, req.ip, req.id), req.params.country);
      return reply.code(204).send(null);
    },
  );
}
