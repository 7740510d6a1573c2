import { Type } from '@sinclair/typebox';
import { actorOf } from '../../core/auth/principal.ts';
import type { CoreContext } from '../../core/context.ts';
import type { AccordApp } from '../../core/http/fastify-types.ts';
import { problems } from '../../core/http/schemas.ts';
import { AppError } from '../../core/errors.ts';
import { OutboundFailed, OutboundRefused } from '../../core/http/outbound.ts';
import { pullSubscription } from './pull.ts';
import { findSubscription, listSubscriptions, subscribe, unsubscribe, updateSubscription } from './subscriptions.ts';

const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

export function subscriptionRoutes(app: AccordApp, ctx: CoreContext) {
  app.post(
    '/api/share/subscriptions',
    {
      config: { permission: 'share:manage' },
      schema: {
        tags: ['share'],
        summary: 'Subscribe to a remote TAXII 2.1 collection (the credential is stored encrypted)',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            url: Type.String({ minLength: 10, maxLength: 2000 }),
            username: Type.Optional(Type.String({ maxLength: 200 })),
            secret: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
            interval_seconds: Type.Optional(Type.Integer({ minimum: 60, maximum: 7 * 86_400 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String() }), ...problems(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return subscribe(ctx, actorOf(req.principal, req.ip, req.id), req.body);
    },
  );

  app.get(
    '/api/share/subscriptions',
    {
      config: { permission: 'share:manage' },
      schema: {
        tags: ['share'],
        summary: 'Subscriptions, their cursor, counts and last error',
        response: { ...problems(401, 403) },
      },
    },
    async () => ({ subscriptions: await listSubscriptions(ctx) }),
  );

  app.patch(
    '/api/share/subscriptions/:id',
    {
      config: { permission: 'share:manage' },
      schema: {
        tags: ['share'],
        summary: "Change a subscription's URL, credentials or interval",
        description: 'A new URL starts from the beginning of that collection; `secret: null` sends no credential.',
        params: Params,
        body: Type.Object(
          {
            url: Type.Optional(Type.String({ minLength: 10, maxLength: 2000 })),
            username: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
            secret: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 500 }), Type.Null()])),
            interval_seconds: Type.Optional(Type.Integer({ minimum: 60, maximum: 7 * 86_400 })),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => updateSubscription(ctx, actorOf(req.principal, req.ip, req.id), req.params.id, req.body),
  );

  app.delete(
    '/api/share/subscriptions/:id',
    {
      config: { permission: 'share:manage' },
      schema: {
        tags: ['share'],
        summary: 'End a subscription (objects it brought stay in the intel store)',
        params: Params,
        response: { 204: Type.Null(), ...problems(401, 403, 404) },
      },
    },
    async (req, reply) => {
      await unsubscribe(ctx, actorOf(req.principal, req.ip, req.id), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/share/subscriptions/:id/pull',
    {
      config: { permission: 'share:manage' },
      schema: {
        tags: ['share'],
        summary: 'Pull now what the remote collection added since the last pull',
        params: Params,
        response: {
          200: Type.Object({
            pages: Type.Integer(),
            received: Type.Integer(),
            inserted: Type.Integer(),
            rejected: Type.Integer(),
            caught_up: Type.Boolean(),
          }),
          ...problems(400, 401, 403, 404, 502),
        },
      },
    },
    async (req) => {
      const { id } = await findSubscription(ctx, req.params.id);
      try {
        const { caughtUp, ...counts } = await pullSubscription(ctx, id);
        return { ...counts, caught_up: caughtUp };
      } catch (error) {
        // A refused address (400) or a failed fetch (502) says so with the URL; it is recorded on the subscription.
        if (error instanceof OutboundRefused || error instanceof OutboundFailed) throw error;
        // The remote side answered wrongly (a bad status, not TAXII): recorded on the subscription, a 502 here.
        throw new AppError('upstream_failed', 502, 'The remote TAXII server failed', (error as Error).message);
      }
    },
  );
}
