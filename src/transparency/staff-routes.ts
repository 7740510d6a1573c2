import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../core/auth/principal.ts';
import type { CoreContext } from '../core/context.ts';
import { AppError, badRequest } from '../core/errors.ts';
import type { AccordApp } from '../core/http/fastify-types.ts';
import { problems } from '../core/http/schemas.ts';
import { presentStaff, StaffRelease } from './present.ts';
import { FormatQuery, Id, sendFile } from './route-schemas.ts';
import {
  approveRelease,
  buildDraft,
  discardRelease,
  exportRelease,
  importGoogleCsv,
  publishRelease,
  release,
  releases,
  TransparencyReport,
} from './service.ts';

const IMPORT_LIMIT = 20 * 1024 * 1024;
const Outcome = Type.Object({
  periods: Type.Array(
    Type.Object({ period: Type.String(), rows: Type.Integer(), release_id: Type.String(), outcome: Type.String() }),
  ),
  errors: Type.Array(Type.Object({ line: Type.Integer(), reason: Type.String() })),
});

/** Staff: build drafts, review and publish them, import earlier figures. */
export async function staffRoutes(app: AccordApp, ctx: CoreContext) {
  app.get(
    '/api/transparency/releases',
    {
      config: { permission: 'transparency:read' },
      schema: {
        tags: ['transparency'],
        summary: 'Every release, drafts included, newest period first',
        querystring: Type.Object(
          { period: Type.Optional(Type.String({ maxLength: 10 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ releases: Type.Array(StaffRelease) }), ...problems(400, 401, 403) },
      },
    },
    async (req) => {
      const rows = await releases(ctx, 'staff', req.query.period);
      return { releases: rows.map((r) => presentStaff(r, rows)) };
    },
  );

  app.get(
    '/api/transparency/releases/:id',
    {
      config: { permission: 'transparency:read' },
      schema: {
        tags: ['transparency'],
        summary: 'One release with its report',
        params: Id,
        response: {
          200: Type.Object({ release: StaffRelease, report: TransparencyReport }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (req) => {
      const row = await release(ctx, 'staff', req.params.id);
      return { release: presentStaff(row, await releases(ctx, 'staff', row.period)), report: row.content };
    },
  );

  app.get(
    '/api/transparency/releases/:id/export',
    {
      config: { permission: 'transparency:read' },
      schema: {
        tags: ['transparency'],
        summary: 'A release (draft or published) in one of the published formats',
        params: Id,
        querystring: FormatQuery,
        response: { ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => sendFile(reply, await exportRelease(ctx, 'staff', req.params.id, req.query.format)),
  );

  app.post(
    '/api/transparency/releases',
    {
      config: { permission: 'transparency:write' },
      schema: {
        tags: ['transparency'],
        summary: 'Build (or rebuild) the draft report for a period; after publication, a correction with a note',
        body: Type.Object(
          {
            period: Type.Optional(Type.String({ maxLength: 10, examples: ['2026H1'] })),
            change_note: Type.Optional(Type.String({ maxLength: 5000 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            id: Type.String(),
            period: Type.String(),
            version: Type.Integer(),
            state: Type.String(),
            content_hash: Type.String(),
          }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return buildDraft(ctx, actorOf(req.principal, req.ip, req.id), req.body);
    },
  );

  app.post(
    '/api/transparency/releases/:id/approve',
    {
      config: { permission: 'transparency:publish' },
      schema: {
        tags: ['transparency'],
        summary: 'Review a draft and approve it for publication (not by the person who built it)',
        params: Id,
        body: Type.Optional(
          Type.Object({ note: Type.Optional(Type.String({ maxLength: 5000 })) }, { additionalProperties: false }),
        ),
        response: {
          200: Type.Object({ id: Type.String(), state: Type.String() }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (req) => approveRelease(ctx, actorOf(req.principal, req.ip, req.id), req.params.id, req.body?.note),
  );

  app.post(
    '/api/transparency/releases/:id/publish',
    {
      config: { permission: 'transparency:publish' },
      schema: {
        tags: ['transparency'],
        summary: 'Publish an approved release: from then on it cannot be altered',
        params: Id,
        response: {
          200: Type.Object({
            id: Type.String(),
            state: Type.String(),
            content_hash: Type.String(),
            published_at: Type.String(),
          }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (req) => publishRelease(ctx, actorOf(req.principal, req.ip, req.id), req.params.id),
  );

  app.delete(
    '/api/transparency/releases/:id',
    {
      config: { permission: 'transparency:write' },
      schema: {
        tags: ['transparency'],
        summary: 'Discard a draft that was never published',
        params: Id,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await discardRelease(ctx, actorOf(req.principal, req.ip, req.id), req.params.id);
      return reply.code(204).send(null);
    },
  );

  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    scope.addContentTypeParser(
      ['text/csv', 'text/plain'],
      { parseAs: 'string', bodyLimit: IMPORT_LIMIT },
      (_r, b, done) => done(null, b),
    );
    scope.post(
      '/api/transparency/imports',
      {
        bodyLimit: IMPORT_LIMIT,
        config: { permission: 'transparency:write' },
        schema: {
          tags: ['transparency'],
          summary: 'Import figures published earlier, in the Google CSV layout (text/csv body)',
          description: 'Each period becomes a published release. Bad rows are listed with their line and reason.',
          response: { 200: Outcome, ...problems(400, 401, 403, 413, 415, 422) },
        },
      },
      async (req) => {
        if (typeof req.body !== 'string' || !req.body.trim()) throw badRequest('the request body is empty');
        const outcome = await importGoogleCsv(ctx, actorOf(req.principal, req.ip, req.id), req.body);
        if (outcome.periods.length === 0 && outcome.errors.length > 0) {
          throw new AppError('nothing_imported', 422, 'Nothing imported', 'no row could be imported', {
            errors: outcome.errors.slice(0, 100),
          });
        }
        return outcome;
      },
    );
  });
}
