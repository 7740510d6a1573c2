import { Type } from '@sinclair/typebox';
import { actorOf } from '../core/auth/principal.ts';
import type { CoreContext } from '../core/context.ts';
import type { AccordApp } from '../core/http/fastify-types.ts';
import { Body, problems } from '../core/http/schemas.ts';
import { acknowledgeAlert, alertsList } from './alerts.ts';
import { answerQuestionnaire, capabilities, countryRisks, decide, decisions, redFlags } from './due-diligence.ts';
import { presentAlert } from './present.ts';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

export function reviewRoutes(app: AccordApp, ctx: CoreContext) {
  app.put(
    '/api/screening/parties/:id/questionnaire',
    {
      config: { permission: 'screening:write' },
      schema: {
        tags: ['screening'],
        summary: 'Answer the human-rights questionnaire (end use, end users, country risk, capability, red flags)',
        params: Id,
        body: Body({
          intended_end_use: Type.String({ minLength: 3, maxLength: 2000 }),
          end_users: Type.String({ minLength: 2, maxLength: 1000 }),
          country_risk: literals(countryRisks),
          product_capability: literals(capabilities),
          red_flags: Type.Array(literals(redFlags), { uniqueItems: true }),
          notes: Type.Optional(Type.String({ maxLength: 5000 })),
        }),
        response: { 200: Type.Object({ id: Type.String(), risk: Type.String() }), ...problems(400, 401, 403, 404) },
      },
    },
    async (req) =>
      answerQuestionnaire(ctx, actorOf(req.principal, req.ip, req.id), req.params.id, {
        ...req.body,
        red_flags: req.body.red_flags as Array<(typeof redFlags)[number]>,
        country_risk: req.body.country_risk as (typeof countryRisks)[number],
        product_capability: req.body.product_capability as (typeof capabilities)[number],
      }),
  );

  app.post(
    '/api/screening/parties/:id/decision',
    {
      config: { permission: 'screening:decide' },
      schema: {
        tags: ['screening'],
        summary: 'Decide (approve, approve with conditions, reject) with reasons and a review date; four eyes',
        params: Id,
        body: Body({
          decision: literals(decisions),
          reasons: Type.String({ minLength: 10, maxLength: 5000 }),
          conditions: Type.Optional(Type.String({ minLength: 3, maxLength: 5000 })),
          review_at: Type.Optional(Type.String({ format: 'date-time' })),
        }),
        response: {
          201: Type.Object({ id: Type.String(), review_at: Type.String() }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return decide(ctx, actorOf(req.principal, req.ip, req.id), req.params.id, {
        ...req.body,
        decision: req.body.decision as (typeof decisions)[number],
      });
    },
  );

  app.get(
    '/api/screening/alerts',
    {
      config: { permission: 'screening:read' },
      schema: {
        tags: ['screening'],
        summary: 'Alerts raised by rescreening when a list change brought a new match, newest first',
        querystring: Type.Object(
          {
            status: Type.Optional(literals(['open', 'acknowledged'])),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ alerts: Type.Array(Type.Object({}, { additionalProperties: true })) }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (req) => ({
      alerts: (
        await alertsList(ctx, {
          ...(req.query.status ? { status: req.query.status as 'open' | 'acknowledged' } : {}),
          ...(req.query.limit ? { limit: req.query.limit } : {}),
        })
      ).map(presentAlert),
    }),
  );

  app.post(
    '/api/screening/alerts/:id/acknowledge',
    {
      config: { permission: 'screening:write' },
      schema: {
        tags: ['screening'],
        summary: 'Acknowledge an alert with a note on what was concluded',
        params: Id,
        body: Body({ note: Type.String({ minLength: 3, maxLength: 5000 }) }),
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await acknowledgeAlert(ctx, actorOf(req.principal, req.ip, req.id), req.params.id, req.body.note);
      return reply.code(204).send(null);
    },
  );
}
