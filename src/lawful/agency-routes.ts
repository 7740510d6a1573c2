import { Type } from '@sinclair/typebox';
import { actorOf } from '../core/auth/principal.ts';
import type { CoreContext } from '../core/context.ts';
import type { AccordApp } from '../core/http/fastify-types.ts';
import { publicLink } from '../core/http/public-url.ts';
import { problems } from '../core/http/schemas.ts';
import {
  addContact,
  createAgency,
  decideAgencyChange,
  listAgencyChanges,
  requestAgencyDomain,
  inviteOfficer,
  listAgencies,
  listContacts,
  setAgencyStatus,
  setOfficerStatus,
  verifyContact,
} from './service.ts';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Created = Type.Object({ id: Type.String() });
const Flag = Type.Object({
  domain: Type.String(),
  resembles: Type.String(),
  agency: Type.String(),
  why: Type.String(),
});
const ChangeRequested = Type.Object({
  id: Type.Optional(Type.String()),
  status: Type.Optional(Type.String()),
  change_id: Type.String(),
  flags: Type.Array(Flag),
});

export function agencyRoutes(app: AccordApp, ctx: CoreContext) {
  app.post(
    '/api/lawful/agencies',
    {
      config: { permission: 'lawful:agencies' },
      schema: {
        tags: ['lawful'],
        summary:
          'Register an agency with its jurisdiction, legal authority and e-mail domains: pending until another ' +
          'person approves it (POST /api/lawful/agency-changes/:id/decision); `flags` lists look-alikes found',
        body: Type.Object(
          {
            name: Type.String({ minLength: 2, maxLength: 200 }),
            country: Type.String({ pattern: '^[A-Za-z]{2}$' }),
            region: Type.Optional(Type.String({ maxLength: 200 })),
            agency_type: Type.String({ minLength: 2, maxLength: 100 }),
            legal_authority: Type.String({ minLength: 2, maxLength: 500 }),
            email_domains: Type.Array(Type.String({ maxLength: 253 }), { minItems: 1, maxItems: 20 }),
            timezone: Type.Optional(Type.String({ maxLength: 64 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: ChangeRequested, ...problems(400, 401, 403) },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return createAgency(ctx, actorOf(req.principal, req.ip, req.id), req.body);
    },
  );

  app.get(
    '/api/lawful/agencies/:id/contacts',
    {
      config: { permission: 'lawful:agencies' },
      schema: {
        tags: ['lawful'],
        summary: "An agency's callback contacts, sourced independently of any request",
        params: Id,
        response: { ...problems(400, 401, 403) },
      },
    },
    async (req) => ({
      contacts: (await listContacts(ctx, req.params.id)).map((c) => ({
        ...c,
        added_at: new Date(c.added_at).toISOString(),
        verified_at: c.verified_at ? new Date(c.verified_at).toISOString() : null,
      })),
    }),
  );

  app.get(
    '/api/lawful/agencies',
    {
      config: { permission: 'lawful:agencies' },
      schema: { tags: ['lawful'], summary: 'Registered agencies', response: { ...problems(401, 403) } },
    },
    async () => ({
      agencies: (await listAgencies(ctx)).map((a) => ({ ...a, created_at: a.created_at.toISOString() })),
    }),
  );

  app.post(
    '/api/lawful/agencies/:id/status',
    {
      config: { permission: 'lawful:agencies' },
      schema: {
        tags: ['lawful'],
        summary: 'Suspend or reactivate an agency (a suspended agency’s requests never reach disclosure)',
        params: Id,
        body: Type.Object(
          { status: Type.Union([Type.Literal('active'), Type.Literal('suspended')]) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await setAgencyStatus(ctx, actorOf(req.principal, req.ip, req.id), req.params.id, req.body.status);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/lawful/agencies/:id/contacts',
    {
      config: { permission: 'lawful:agencies' },
      schema: {
        tags: ['lawful'],
        summary: 'Add a callback contact sourced independently (say how, in `source`)',
        params: Id,
        body: Type.Object(
          {
            name: Type.String({ minLength: 2, maxLength: 200 }),
            role: Type.String({ minLength: 2, maxLength: 200 }),
            phone: Type.String({ minLength: 5, maxLength: 50 }),
            source: Type.String({ minLength: 5, maxLength: 500 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Created, ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return addContact(ctx, actorOf(req.principal, req.ip, req.id), req.params.id, req.body);
    },
  );

  app.post(
    '/api/lawful/agencies/:id/contacts/:contactId/verify',
    {
      config: { permission: 'lawful:agencies' },
      schema: {
        tags: ['lawful'],
        summary: 'Verify a callback contact another person added (it counts for requests that arrive afterwards)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), contactId: Type.String({ format: 'uuid' }) }),
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await verifyContact(ctx, actorOf(req.principal, req.ip, req.id), req.params.id, req.params.contactId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/lawful/agencies/:id/domains',
    {
      config: { permission: 'lawful:agencies' },
      schema: {
        tags: ['lawful'],
        summary: 'Ask to add an e-mail domain to an agency: pending until another person approves it',
        params: Id,
        body: Type.Object({ domain: Type.String({ maxLength: 253 }) }, { additionalProperties: false }),
        response: { 201: ChangeRequested, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return requestAgencyDomain(ctx, actorOf(req.principal, req.ip, req.id), req.params.id, req.body.domain);
    },
  );

  app.get(
    '/api/lawful/agency-changes',
    {
      config: { permission: 'lawful:agencies' },
      schema: {
        tags: ['lawful'],
        summary: 'Agency registrations and domain additions, with the look-alike evidence for the approver',
        querystring: Type.Object(
          {
            status: Type.Optional(
              Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]),
            ),
          },
          { additionalProperties: false },
        ),
        response: { ...problems(400, 401, 403) },
      },
    },
    async (req) => ({
      changes: (await listAgencyChanges(ctx, req.query.status)).map((c) => ({
        ...c,
        requested_at: c.requested_at.toISOString(),
        decided_at: c.decided_at ? new Date(c.decided_at).toISOString() : null,
      })),
    }),
  );

  app.post(
    '/api/lawful/agency-changes/:id/decision',
    {
      config: { permission: 'lawful:agencies' },
      schema: {
        tags: ['lawful'],
        summary:
          'Another person than the one who asked approves or rejects a registration or domain; approving one ' +
          'with look-alikes needs `acknowledge_lookalikes` (a 409 shows the evidence)',
        params: Id,
        body: Type.Object(
          {
            approve: Type.Boolean(),
            reasons: Type.String({ minLength: 3, maxLength: 5000 }),
            acknowledge_lookalikes: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ id: Type.String(), status: Type.String() }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (req) => decideAgencyChange(ctx, actorOf(req.principal, req.ip, req.id), req.params.id, req.body),
  );

  app.post(
    '/api/lawful/agencies/:id/officers',
    {
      config: { permission: 'lawful:agencies' },
      schema: {
        tags: ['lawful'],
        summary: 'Invite a verified officer: an individual account with a second factor, bound to the agency',
        params: Id,
        body: Type.Object(
          {
            username: Type.String({ minLength: 2, maxLength: 64 }),
            email: Type.String({ format: 'email', maxLength: 320 }),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ user_id: Type.String(), setup_link: Type.String() }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (req, reply) => {
      const { userId, setupToken } = await inviteOfficer(
        ctx,
        actorOf(req.principal, req.ip, req.id),
        req.params.id,
        req.body,
      );
      reply.code(201);
      return { user_id: userId, setup_link: publicLink(ctx.config, `/setup#token=${setupToken}`) };
    },
  );

  app.post(
    '/api/lawful/officers/:id/status',
    {
      config: { permission: 'lawful:agencies' },
      schema: {
        tags: ['lawful'],
        summary: 'Suspend, revoke (final) or reactivate an officer; suspending or revoking ends their sessions at once',
        params: Id,
        body: Type.Object(
          { status: Type.Union([Type.Literal('active'), Type.Literal('suspended'), Type.Literal('revoked')]) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await setOfficerStatus(ctx, actorOf(req.principal, req.ip, req.id), req.params.id, req.body.status);
      return reply.code(204).send(null);
    },
  );
}
