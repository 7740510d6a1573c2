import { Type } from '@sinclair/typebox';
import { actorOf } from '../core/auth/principal.ts';
import type { CoreContext } from '../core/context.ts';
import type { AccordApp } from '../core/http/fastify-types.ts';
import { problems } from '../core/http/schemas.ts';
import { policies, setPolicy, suppress, unsuppress } from './service.ts';

const Policy = Type.Object({
  mode: Type.Union([Type.Literal('auto'), Type.Literal('approval')]),
  min_confidence: Type.Integer({ minimum: 0, maximum: 100 }),
  approvals_required: Type.Integer({ minimum: 1, maximum: 2 }),
});
const Account = Type.String({ minLength: 1, maxLength: 320 });

export function policyRoutes(app: AccordApp, ctx: CoreContext) {
  app.get(
    '/api/notifications/policies',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags: ['notify'],
        summary: 'How notices are sent per campaign (`*`: every other); without any, one approval is needed',
        response: {
          200: Type.Object({ policies: Type.Array(Type.Composite([Type.Object({ actor: Type.String() }), Policy])) }),
          ...problems(401, 403),
        },
      },
    },
    async () => ({
      policies: (await policies(ctx)).map(({ actor, mode, min_confidence, approvals_required }) => ({
        actor,
        mode,
        min_confidence,
        approvals_required,
      })),
    }),
  );

  app.put(
    '/api/notifications/policies/:campaign',
    {
      config: { permission: 'notify:policy' },
      schema: {
        tags: ['notify'],
        summary: 'Set the policy of a campaign (actor name, or `*`)',
        params: Type.Object({ campaign: Type.String({ minLength: 1, maxLength: 250 }) }),
        body: Policy,
        response: { 204: Type.Null(), ...problems(400, 401, 403) },
      },
    },
    async (req, reply) => {
      await setPolicy(ctx, actorOf(req.principal, req.ip, req.id), req.params.campaign, req.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/notifications/suppressions',
    {
      config: { permission: 'notify:policy' },
      schema: {
        tags: ['notify'],
        summary: 'Never notify an account (test accounts, staff), for a reason',
        body: Type.Object(
          { account: Account, reason: Type.String({ minLength: 3, maxLength: 500 }) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...problems(400, 401, 403) },
      },
    },
    async (req, reply) => {
      await suppress(ctx, actorOf(req.principal, req.ip, req.id), req.body.account, req.body.reason);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/notifications/suppressions',
    {
      config: { permission: 'notify:policy' },
      schema: {
        tags: ['notify'],
        summary: 'Notify an account again',
        body: Type.Object({ account: Account }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await unsuppress(ctx, actorOf(req.principal, req.ip, req.id), req.body.account);
      return reply.code(204).send(null);
    },
  );
}
