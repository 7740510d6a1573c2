import { Type } from '@sinclair/typebox';
import type { CoreContext } from '../context.ts';
import type { AccordApp } from '../http/fastify-types.ts';
import { publicLink } from '../http/public-url.ts';
import { Body, Uuid, problems } from '../http/schemas.ts';
import { validationFailed } from '../errors.ts';
import { roles, rolesRequiringTotp } from './permissions.ts';
import { actorOf } from './principal.ts';
import { allUsers, createUser, getUser, presentUser, resetUserSetup, setUserDisabled } from './users-service.ts';

const User = Type.Object({
  id: Type.String(),
  username: Type.String(),
  display_name: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  role: Type.String(),
  totp_enabled: Type.Boolean(),
  disabled: Type.Boolean(),
  locked_until: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
});
const IdParams = Type.Object({ id: Uuid });
const SetupLink = Type.Object({
  user: User,
  setup_token: Type.Union([Type.String(), Type.Null()]),
  setup_url: Type.Union([Type.String(), Type.Null()]),
});

export function setupUrl(ctx: CoreContext, token: string): string {
  return publicLink(ctx.config, `/setup#token=${token}`);
}

export function usersRoutes(app: AccordApp, ctx: CoreContext) {
  app.get(
    '/api/users',
    {
      config: { permission: 'users:read' },
      schema: { tags: ['users'], summary: 'List users', response: { 200: Type.Array(User), ...problems(401, 403) } },
    },
    async () => (await allUsers(ctx)).map(presentUser),
  );

  app.post(
    '/api/users',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags: ['users'],
        summary: 'Create a user; without a password the answer carries a one-time setup link',
        body: Body({
          username: Type.String({ minLength: 2, maxLength: 64 }),
          display_name: Type.Optional(Type.String({ maxLength: 200 })),
          email: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
          role: Type.Union(roles.map((r) => Type.Literal(r))),
          password: Type.Optional(Type.String({ maxLength: 256 })),
        }),
        response: { 201: SetupLink, ...problems(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      // Whoever chose a password could sign in as the account and, for these roles, hold its only second factor:
      // such an account gets a setup link for its person, never a password from an administrator.
      if (req.body.password !== undefined && rolesRequiringTotp.has(req.body.role))
        throw validationFailed(
          `password: a ${req.body.role.replace(/_/g, ' ')} chooses their own password with the setup link; leave it out`,
        );
      const { user, setupToken } = await createUser(ctx, actorOf(req.principal, req.ip, req.id), {
        username: req.body.username,
        role: req.body.role,
        ...(req.body.display_name ? { displayName: req.body.display_name } : {}),
        ...(req.body.email ? { email: req.body.email } : {}),
        ...(req.body.password !== undefined ? { password: req.body.password } : {}),
      });
      reply.code(201);
      return {
        user: presentUser(user),
        setup_token: setupToken ?? null,
        setup_url: setupToken ? setupUrl(ctx, setupToken) : null,
      };
    },
  );

  app.get(
    '/api/users/:id',
    {
      config: { permission: 'users:read' },
      schema: { tags: ['users'], params: IdParams, response: { 200: User, ...problems(401, 403, 404) } },
    },
    async (req) => presentUser(await getUser(ctx, req.params.id)),
  );

  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(
      `/api/users/:id/${verb}`,
      {
        config: { permission: 'users:manage' },
        schema: {
          tags: ['users'],
          summary: `${verb} a user`,
          params: IdParams,
          response: { 200: User, ...problems(401, 403, 404) },
        },
      },
      async (req) =>
        presentUser(await setUserDisabled(ctx, actorOf(req.principal, req.ip, req.id), req.params.id, disabled)),
    );
  }

  app.post(
    '/api/users/:id/reset',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags: ['users'],
        summary: 'Issue a new one-time setup link (optionally removing the second factor); ends sessions',
        params: IdParams,
        body: Body({ reset_totp: Type.Boolean({ default: false }) }),
        response: {
          200: Type.Object({ setup_token: Type.String(), setup_url: Type.String() }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (req) => {
      const token = await resetUserSetup(ctx, actorOf(req.principal, req.ip, req.id), req.params.id, {
        resetTotp: req.body.reset_totp,
      });
      return { setup_token: token, setup_url: setupUrl(ctx, token) };
    },
  );
}
