import { Type } from '@sinclair/typebox';
import type { CoreContext } from '../../core/context.ts';
import type { AccordApp } from '../../core/http/fastify-types.ts';
import { problems } from '../../core/http/schemas.ts';
import { presentSummary } from '../query/present.ts';
import { ExportQuery, Linked, ObjectQuery, ObjectSummary, toFilter } from '../schema.ts';
import { actors, exportObjects, findObjects, getObject, objectContext, searchIndicators } from '../service.ts';

const StixId = Type.String({ pattern: '^[a-z0-9-]+--[0-9a-fA-F-]{36}$', maxLength: 300 });

export function queryRoutes(app: AccordApp, ctx: CoreContext) {
  app.get(
    '/api/intel/search',
    {
      config: { permission: 'intel:read' },
      schema: {
        tags: ['intel'],
        summary: 'Which current indicators would match an observed value (domain, URL, IP, e-mail, hash, ...)',
        querystring: Type.Object(
          {
            value: Type.String({ minLength: 1, maxLength: 8192 }),
            limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            matches: Type.Array(
              Type.Object({
                indicator: Type.Composite([
                  ObjectSummary,
                  Type.Object({ pattern: Type.Union([Type.String(), Type.Null()]) }),
                ]),
                matched: Type.Object({ key: Type.String(), value: Type.String(), how: Type.String() }),
                attribution: Type.Array(Linked),
              }),
            ),
          }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (req) => ({ matches: await searchIndicators(ctx, req.query.value, { limit: req.query.limit }) }),
  );

  app.get(
    '/api/intel/objects',
    {
      config: { permission: 'intel:read' },
      schema: {
        tags: ['intel'],
        summary: 'Latest versions of stored objects by type, indicator key, actor and validity, a page at a time',
        querystring: ObjectQuery,
        response: {
          200: Type.Object({ objects: Type.Array(ObjectSummary), next: Type.Union([Type.Integer(), Type.Null()]) }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (req) => {
      const page = await findObjects(ctx, toFilter(req.query));
      return { objects: page.objects.map(presentSummary), next: page.next };
    },
  );

  app.get(
    '/api/intel/objects/:id',
    {
      config: { permission: 'intel:read' },
      schema: {
        tags: ['intel'],
        summary: 'A STIX object: the latest version, a given `version` (its modified time), or `version=all`',
        params: Type.Object({ id: StixId }),
        querystring: Type.Object(
          { version: Type.Optional(Type.String({ maxLength: 64 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ objects: Type.Array(Type.Record(Type.String(), Type.Unknown())) }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (req) => ({ objects: (await getObject(ctx, req.params.id, req.query.version)).map((v) => v.object) }),
  );

  app.get(
    '/api/intel/objects/:id/context',
    {
      config: { permission: 'intel:read' },
      schema: {
        tags: ['intel'],
        summary: 'What an object points to and who is behind it (indicator → malware → intrusion set → actor)',
        params: Type.Object({ id: StixId }),
        response: {
          200: Type.Object({ object: ObjectSummary, attribution: Type.Array(Linked) }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (req) => objectContext(ctx, req.params.id),
  );

  app.get(
    '/api/intel/actors',
    {
      config: { permission: 'intel:read' },
      schema: {
        tags: ['intel'],
        summary: 'Threat actors, intrusion sets, campaigns, malware and tools, with their indicator counts',
        response: {
          200: Type.Object({
            actors: Type.Array(
              Type.Object({
                id: Type.String(),
                type: Type.String(),
                name: Type.Union([Type.String(), Type.Null()]),
                aliases: Type.Array(Type.String()),
                indicators: Type.Integer(),
              }),
            ),
          }),
          ...problems(401, 403),
        },
      },
    },
    async () => ({ actors: await actors(ctx) }),
  );

  app.get(
    '/api/intel/export',
    {
      config: { permission: 'intel:read' },
      schema: {
        tags: ['intel'],
        summary: 'A STIX 2.1 bundle of the matching objects; `flavour=mvt` gives a file MVT loads with --iocs',
        querystring: ExportQuery,
        response: { ...problems(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const { flavour, ...filter } = req.query;
      const bundle = await exportObjects(ctx, toFilter(filter), flavour);
      reply.header('content-type', 'application/stix+json;version=2.1');
      reply.header('content-disposition', `attachment; filename="accord-${flavour}.stix2"`);
      const { omitted, ...plain } = bundle;
      reply.header('x-accord-omitted', String(omitted.length));
      return JSON.stringify(plain);
    },
  );
}
