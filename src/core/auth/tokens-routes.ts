import { Type } from '@sinclair/typebox';
import type { CoreContext } from '../context.ts';
import { forbidden } from '../errors.ts';
import type { AccordApp } from '../http/fastify-types.ts';
import { Body, problems } from '../http/schemas.ts';
import { createApiToken, presentApiToken, revokeToken, tokensOf } from './api-tokens-service.ts';
import { roleAllows } from './permissions.ts';
import { actorOf } from './principal.ts';
import { getUser } from './users-service.ts';

const Token = Type.Object({
  id: Type.String(),
  name: Type.String(),
  user_id: Type.String(),
  scopes: Type.Array(Type.String()),
  expires_at: Type.Union([Type.String(), Type.Null()]),
  revoked: Type.Boolean(),
  last_used_at: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
});

export function tokensRoutes(app: AccordApp, ctx: CoreContext) {
  app.get(
    '/api/tokens',
    {
      config: { permission: 'tokens:manage' },
      schema: {
        tags: ['tokens'],
        summary: 'Your API tokens (all tokens for tokens:admin)',
        response: { 200: Type.Array(Token), ...problems(401, 403) },
      },
    },
    async (req) => {
      const p = req.principal!;
      return (await tokensOf(ctx, roleAllows(p.role, 'tokens:admin') ? undefined : p.userId)).map(presentApiToken);
    },
  );

  app.post(
    '/api/tokens',
    {
      config: { permission: 'tokens:manage' },
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token; the token is shown in this answer only',
        body: Body({
          name: Type.String({ minLength: 1, maxLength: 100 }),
          scopes: Type.Array(Type.String(), { default: [], maxItems: 50 }),
          expires_in_days: Type.Integer({ minimum: 1, maximum: 366, default: 90 }),
          user_id: Type.Optional(Type.String({ format: 'uuid', description: 'for another user (tokens:admin)' })),
        }),
        response: {
          201: Type.Object({ id: Type.String(), token: Type.String(), expires_at: Type.String() }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (req, reply) => {
      const p = req.principal!;
      // A token cannot mint tokens: a leaked one would otherwise renew itself forever.
      if (p.kind === 'token') throw forbidden('API tokens cannot create API tokens; sign in');
      const ownerId = req.body.user_id ?? p.userId;
      if (ownerId !== p.userId && !roleAllows(p.role, 'tokens:admin'))
        throw forbidden("creating another user's token needs 'tokens:admin'");
      const owner = await getUser(ctx, ownerId);
      const created = await createApiToken(ctx, actorOf(p, req.ip, req.id), owner, {
        name: req.body.name,
        scopes: req.body.scopes,
        expiresInDays: req.body.expires_in_days,
      });
      reply.code(201);
      return { id: created.id, token: created.token, expires_at: created.expiresAt.toISOString() };
    },
  );

  app.delete(
    '/api/tokens/:id',
    {
      config: { permission: 'tokens:manage' },
      schema: {
        tags: ['tokens'],
        summary: 'Revoke an API token',
        params: Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{16}$' }) }),
        response: { 204: Type.Null(), ...problems(401, 403, 404) },
      },
    },
    async (req, reply) => {
      await revokeToken(ctx, actorOf(req.principal, req.ip, req.id), req.params.id, req.principal);
      return reply.code(204).send(null);
    },
  );
}
