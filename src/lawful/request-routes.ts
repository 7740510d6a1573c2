import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../core/auth/principal.ts';
import type { CoreContext } from '../core/context.ts';
import { badRequest } from '../core/errors.ts';
import type { AccordApp } from '../core/http/fastify-types.ts';
import { problems } from '../core/http/schemas.ts';
import {
  addDocument,
  answerClarification,
  dataCategories,
  officerRequest,
  officerRequests,
  readDocument,
  requestTypes,
  submitRequest,
  withdraw,
} from './service.ts';
import { attachProduction, downloadProduction, LINK_HOURS, productionLinks } from './productions.ts';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const RequestBody = {
  request_type: Type.Union(requestTypes.map((t) => Type.Literal(t))),
  legal_basis: Type.String({ minLength: 3, maxLength: 2000 }),
  issuing_authority: Type.String({ minLength: 3, maxLength: 500 }),
  case_number: Type.String({ minLength: 1, maxLength: 200 }),
  targets: Type.Array(Type.String({ minLength: 1, maxLength: 320 }), { minItems: 1, maxItems: 100 }),
  data_categories: Type.Array(Type.Union(dataCategories.map((c) => Type.Literal(c))), { minItems: 1 }),
  date_from: Type.Optional(Type.String({ format: 'date-time' })),
  date_to: Type.Optional(Type.String({ format: 'date-time' })),
  nondisclosure_until: Type.Optional(Type.String({ format: 'date-time' })),
  emergency_narrative: Type.Optional(Type.String({ minLength: 10, maxLength: 20_000 })),
};
const Submitted = Type.Object({ id: Type.String(), state: Type.String() });
const MAX_PDF = 10 * 1024 * 1024;
const MAX_PRODUCTION = 50 * 1024 * 1024;

/** The agency portal's API: officers submit and follow their own agency's requests. */
export async function portalRoutes(app: AccordApp, ctx: CoreContext) {
  app.post(
    '/api/lawful/portal/requests',
    {
      config: { permission: 'lawful:submit' },
      schema: {
        tags: ['lawful'],
        summary: 'Submit a request (officers: from your verified account, signed in with a second factor)',
        body: Type.Object(RequestBody, { additionalProperties: false }),
        response: { 201: Submitted, ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const r = await submitRequest(ctx, actorOf(req.principal, req.ip, req.id), req.principal!, req.body);
      reply.code(201);
      return { id: r.id, state: r.state };
    },
  );

  app.get(
    '/api/lawful/portal/requests',
    {
      config: { permission: 'lawful:submit' },
      schema: {
        tags: ['lawful'],
        summary: "Your agency's requests and their progress",
        response: { ...problems(401, 403) },
      },
    },
    async (req) => ({
      requests: await officerRequests(ctx, actorOf(req.principal, req.ip, req.id), req.principal!),
    }),
  );

  app.get(
    '/api/lawful/portal/requests/:id',
    {
      config: { permission: 'lawful:submit' },
      schema: {
        tags: ['lawful'],
        summary: 'One of your agency’s requests',
        params: Id,
        response: { ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => officerRequest(ctx, actorOf(req.principal, req.ip, req.id), req.principal!, req.params.id),
  );

  app.post(
    '/api/lawful/portal/requests/:id/withdraw',
    {
      config: { permission: 'lawful:submit' },
      schema: {
        tags: ['lawful'],
        summary: 'Withdraw a request',
        params: Id,
        response: { ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      await officerRequest(ctx, actorOf(req.principal, req.ip, req.id), req.principal!, req.params.id, 'withdraw');
      return withdraw(ctx, actorOf(req.principal, req.ip, req.id), req.params.id);
    },
  );

  app.post(
    '/api/lawful/portal/requests/:id/clarification',
    {
      config: { permission: 'lawful:submit' },
      schema: {
        tags: ['lawful'],
        summary: "Answer a reviewer's question",
        params: Id,
        body: Type.Object(
          { answer: Type.String({ minLength: 1, maxLength: 20_000 }) },
          { additionalProperties: false },
        ),
        response: { ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      await officerRequest(ctx, actorOf(req.principal, req.ip, req.id), req.principal!, req.params.id, 'clarification');
      return answerClarification(ctx, actorOf(req.principal, req.ip, req.id), req.params.id, req.body.answer);
    },
  );

  // Documents are PDF bytes in the body: a scope of its own with a parser for them.
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    scope.addContentTypeParser('application/pdf', { parseAs: 'buffer', bodyLimit: MAX_PDF }, (_req, body, done) =>
      done(null, body),
    );
    scope.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: MAX_PRODUCTION },
      (_req, body, done) => done(null, body),
    );
    scope.post(
      '/api/lawful/requests/:id/productions',
      {
        bodyLimit: MAX_PRODUCTION,
        config: { permission: 'lawful:review' },
        schema: {
          tags: ['lawful'],
          summary: 'Attach the data to produce for an approved request (application/octet-stream; sealed at rest)',
          params: Id,
          querystring: Type.Object(
            { filename: Type.String({ minLength: 1, maxLength: 200 }) },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Object({ id: Type.String(), sha256: Type.String() }),
            ...problems(400, 401, 403, 404, 409, 413, 415),
          },
        },
      },
      async (req, reply) => {
        const body = req.body as Buffer;
        if (!Buffer.isBuffer(body)) throw badRequest('send the file as the request body (application/octet-stream)');
        const p = await attachProduction(ctx, actorOf(req.principal, req.ip, req.id), req.params.id, {
          filename: req.query.filename,
          contentType: 'application/octet-stream',
          bytes: body,
        });
        reply.code(201);
        return p;
      },
    );
    scope.post(
      '/api/lawful/portal/requests/:id/documents',
      {
        bodyLimit: MAX_PDF,
        config: { permission: 'lawful:submit' },
        schema: {
          tags: ['lawful'],
          summary: 'Attach a supporting document (PDF, at most 10 MB; stored encrypted, SHA-256 recorded)',
          params: Id,
          querystring: Type.Object(
            { filename: Type.String({ minLength: 1, maxLength: 200 }) },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Object({ id: Type.String(), sha256: Type.String() }),
            ...problems(400, 401, 403, 404, 409, 413, 415),
          },
        },
      },
      async (req, reply) => {
        const body = req.body as Buffer;
        if (!Buffer.isBuffer(body))
          throw badRequest('send the PDF as the request body (Content-Type: application/pdf)');
        const doc = await addDocument(ctx, actorOf(req.principal, req.ip, req.id), req.principal!, req.params.id, {
          filename: req.query.filename,
          contentType: 'application/pdf',
          bytes: body,
        });
        reply.code(201);
        return doc;
      },
    );
  });

  app.get(
    '/api/lawful/portal/requests/:id/productions',
    {
      config: { permission: 'lawful:submit' },
      schema: {
        tags: ['lawful'],
        summary: `The productions of a disclosed request, with download links that expire in ${LINK_HOURS} hours`,
        params: Id,
        response: { ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => ({
      productions: await productionLinks(ctx, actorOf(req.principal, req.ip, req.id), req.principal!, req.params.id),
    }),
  );

  app.get(
    '/api/lawful/portal/productions/:token',
    {
      config: { permission: 'lawful:submit' },
      schema: {
        tags: ['lawful'],
        summary: 'Download a production through its link (audited; 410 once the link expired)',
        params: Type.Object({ token: Type.String({ minLength: 20, maxLength: 100 }) }),
        response: { ...problems(400, 401, 403, 404, 410) },
      },
    },
    async (req, reply) => {
      const p = await downloadProduction(ctx, actorOf(req.principal, req.ip, req.id), req.principal!, req.params.token);
      return reply
        .header('content-type', p.contentType)
        .header('content-disposition', `attachment; filename="${p.filename}"`)
        .send(p.bytes);
    },
  );

  app.get(
    '/api/lawful/requests/:id/documents/:documentId',
    {
      config: { permission: 'lawful:read' },
      schema: {
        tags: ['lawful'],
        summary: 'Download a supporting document (checked against its SHA-256; audited)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), documentId: Type.String({ format: 'uuid' }) }),
        response: { ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const doc = await readDocument(
        ctx,
        actorOf(req.principal, req.ip, req.id),
        req.principal!,
        req.params.id,
        req.params.documentId,
      );
      return reply
        .header('content-type', doc.contentType)
        .header('content-disposition', `attachment; filename="${doc.filename}"`)
        .send(doc.bytes);
    },
  );
}
