import { Type } from '@sinclair/typebox';
import { actorOf } from '../core/auth/principal.ts';
import type { CoreContext } from '../core/context.ts';
import { notFound } from '../core/errors.ts';
import type { AccordApp } from '../core/http/fastify-types.ts';
import { Body, problems } from '../core/http/schemas.ts';
import { listFormats } from './importers/list-record.ts';
import { importList, screeningListImports, screeningLists } from './lists.ts';
import { presentImport, presentList } from './present.ts';

const Open = (description: string) => Type.Object({}, { additionalProperties: true, description });

export function listRoutes(app: AccordApp, ctx: CoreContext) {
  app.post(
    '/api/screening/lists/import',
    {
      config: { permission: 'screening:write' },
      schema: {
        tags: ['screening'],
        summary:
          'Import (or re-import, updating in place) a restriction list; reports what changed and refused records',
        body: Body({
          name: Type.String({ minLength: 1, maxLength: 200 }),
          format: Type.Union(listFormats.map((f) => Type.Literal(f))),
          content: Type.String({ minLength: 1 }),
          source: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
          version: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
        }),
        response: { 201: Open('the import report'), ...problems(400, 401, 403, 413) },
      },
    },
    async (req, reply) => {
      const report = await importList(ctx, actorOf(req.principal, req.ip, req.id), req.body);
      reply.code(201);
      return report;
    },
  );

  app.get(
    '/api/screening/lists',
    {
      config: { permission: 'screening:read' },
      schema: {
        tags: ['screening'],
        summary: 'Imported lists with their source, version, import date and size',
        response: { 200: Type.Object({ lists: Type.Array(Open('a list')) }), ...problems(401, 403) },
      },
    },
    async () => ({ lists: (await screeningLists(ctx)).map(presentList) }),
  );

  app.get(
    '/api/screening/lists/:id/imports',
    {
      config: { permission: 'screening:read' },
      schema: {
        tags: ['screening'],
        summary: "A list's imports, newest first: what each added, changed and removed",
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: Type.Object({ imports: Type.Array(Open('an import')) }), ...problems(401, 403, 404) },
      },
    },
    async (req) => {
      const lists = await screeningLists(ctx);
      if (!lists.some((l) => l.id === req.params.id)) throw notFound(`no list ${req.params.id}`);
      return { imports: (await screeningListImports(ctx, req.params.id)).map(presentImport) };
    },
  );
}
