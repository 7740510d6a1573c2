import { Type } from '@sinclair/typebox';
import type { CoreContext } from '../context.ts';
import type { AccordApp } from '../http/fastify-types.ts';
import { Body, problems } from '../http/schemas.ts';
import { isRole, rolePermissions } from './permissions.ts';
import { actorOf } from './principal.ts';
import { clearSessionCookie, setSessionCookie } from './session-cookie.ts';
import {
  beginTotpEnrolment,
  completeSetup,
  setupSecondFactor,
  confirmTotpEnrolment,
  signIn,
  signOut,
  verifySecondFactor,
  type SignInResult,
} from './sign-in-service.ts';
import { getUser, presentUser } from './users-service.ts';

const SignInResponse = Type.Object({
  status: Type.Union([
    Type.Literal('signed_in'),
    Type.Literal('totp_required'),
    Type.Literal('totp_enrolment_required'),
  ]),
  csrf_token: Type.String(),
  expires_at: Type.String(),
});
const Code = Body({ code: Type.String({ pattern: '^[0-9]{6}$' }) });
const Done = Type.Object({ status: Type.String() });

export function authRoutes(app: AccordApp, ctx: CoreContext) {
  // Guessing passwords, codes and links: counted in the database, so several processes share one budget.
  const signInLimit = { max: ctx.config.loginRateLimitPerMinute, windowSeconds: 60 };
  const answer = (result: SignInResult) => ({
    status: result.status,
    csrf_token: result.csrfToken,
    expires_at: result.expiresAt.toISOString(),
  });
  const actor = (req: { principal?: Parameters<typeof actorOf>[0]; ip: string; id: string }) =>
    actorOf(req.principal, req.ip, req.id);

  app.post(
    '/api/auth/login',
    {
      config: { permission: 'public', sharedRateLimit: signInLimit },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username and password',
        body: Body({
          username: Type.String({ minLength: 1, maxLength: 64 }),
          password: Type.String({ minLength: 1, maxLength: 256 }),
        }),
        response: { 200: SignInResponse, ...problems(400, 401, 429) },
      },
    },
    async (req, reply) => {
      const result = await signIn(ctx, req.body, actor(req));
      setSessionCookie(reply, ctx.config, result.sessionToken, result.expiresAt);
      return answer(result);
    },
  );

  app.post(
    '/api/auth/setup/totp',
    {
      config: { permission: 'public', rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'The second factor a setup link enrols: its secret, for the authenticator (nothing is stored)',
        body: Body({ token: Type.String({ minLength: 10, maxLength: 200 }) }),
        response: {
          200: Type.Object({ secret: Type.String(), otpauth_uri: Type.String() }),
          ...problems(400, 401, 409, 429),
        },
      },
    },
    async (req) => setupSecondFactor(ctx, req.body.token, actor(req)),
  );

  app.post(
    '/api/auth/setup',
    {
      config: { permission: 'public', sharedRateLimit: signInLimit },
      schema: {
        tags: ['auth'],
        summary:
          'Redeem a one-time setup link: choose a password and, where the role needs one, enrol the second factor ' +
          'in the same step (`code` from the secret of POST /api/auth/setup/totp); then signed in',
        body: Body({
          token: Type.String({ minLength: 10, maxLength: 200 }),
          password: Type.String({ maxLength: 256 }),
          code: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
        }),
        response: { 200: SignInResponse, ...problems(400, 401, 429) },
      },
    },
    async (req, reply) => {
      const result = await completeSetup(ctx, req.body, actor(req));
      setSessionCookie(reply, ctx.config, result.sessionToken, result.expiresAt);
      return answer(result);
    },
  );

  app.post(
    '/api/auth/totp/verify',
    {
      config: { permission: 'session', sharedRateLimit: signInLimit },
      schema: {
        tags: ['auth'],
        summary: 'Second sign-in step: a TOTP code',
        body: Code,
        response: { 200: Done, ...problems(400, 401, 403, 409, 429) },
      },
    },
    async (req) => {
      await verifySecondFactor(ctx, req.principal!, req.body.code, actor(req));
      return { status: 'signed_in' };
    },
  );

  app.post(
    '/api/auth/totp/enrol',
    {
      config: { permission: 'session' },
      schema: {
        tags: ['auth'],
        summary: 'Start enrolling a TOTP authenticator',
        response: {
          200: Type.Object({ secret: Type.String(), otpauth_uri: Type.String() }),
          ...problems(401, 403, 409),
        },
      },
    },
    async (req) => beginTotpEnrolment(ctx, req.principal!, actor(req)),
  );

  app.post(
    '/api/auth/totp/confirm',
    {
      config: { permission: 'session' },
      schema: {
        tags: ['auth'],
        summary: 'Finish TOTP enrolment with a code from the authenticator',
        body: Code,
        response: { 200: Done, ...problems(400, 401, 403, 409) },
      },
    },
    async (req) => {
      await confirmTotpEnrolment(ctx, req.principal!, req.body.code, actor(req));
      return { status: 'signed_in' };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { permission: 'session' },
      schema: { tags: ['auth'], summary: 'Sign out', response: { 200: Done, ...problems(401, 403) } },
    },
    async (req, reply) => {
      await signOut(ctx, req.principal!, actor(req));
      clearSessionCookie(reply);
      return { status: 'signed_out' };
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { permission: 'session' },
      schema: {
        tags: ['auth'],
        summary: 'Who am I, and has sign-in finished',
        response: {
          200: Type.Object({
            id: Type.String(),
            username: Type.String(),
            display_name: Type.String(),
            role: Type.String(),
            totp_enabled: Type.Boolean(),
            signed_in: Type.Boolean(),
            via: Type.String(),
            csrf_token: Type.Optional(Type.String()),
            permissions: Type.Array(Type.String(), {
              description: 'What this caller may do: for the UI to hide the rest',
            }),
          }),
          ...problems(401),
        },
      },
    },
    async (req) => {
      const principal = req.principal!;
      const user = presentUser(await getUser(ctx, principal.userId));
      const granted = [...(isRole(principal.role) ? rolePermissions[principal.role] : [])].filter(
        (p) => !principal.scopes || principal.scopes.has(p),
      );
      return {
        ...user,
        signed_in: principal.mfaVerified,
        via: principal.kind,
        ...(principal.csrfToken ? { csrf_token: principal.csrfToken } : {}),
        permissions: principal.mfaVerified ? granted : [],
      };
    },
  );
}
