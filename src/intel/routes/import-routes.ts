import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf } from '../../core/auth/principal.ts';
import type { CoreContext } from '../../core/context.ts';
import { badRequest } from '../../core/errors.ts';
import type { AccordApp } from '../../core/http/fastify-types.ts';
import { Body, problems } from '../../core/http/schemas.ts';
import { Format, ImportReportSchema } from '../schema.ts';
import { importFromUrl, importReport, importStream, recentImports, type ImportReport } from '../service.ts';
import { detectFormat } from '../sources/detect-format.ts';

const UPLOAD_LIMIT = 256 * 1024 * 1024;
const uploadTypes = [
  'application/json',
  'application/stix+json',
  'application/taxii+json',
  'text/csv',
  'text/plain',
  'application/yaml',
  'text/yaml',
  'application/gzip',
];

/** An import that read nothing usable is a bad request, not a successful import of nothing. */
function refuseIfUnreadable(report: ImportReport) {
  const broken = report.rejected.find((r) => r.record === 'source');
  if (report.received === 0 && broken) throw badRequest(`the document could not be read: ${broken.reason}`);
  return report;
}

export async function importRoutes(app: AccordApp, ctx: CoreContext) {
  // Uploads are read as bytes and streamed through the same readers as files, whatever their type says.
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(uploadTypes, { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT }, (_req, body, done) =>
      done(null, body),
    );
    scope.post(
      '/api/intel/imports',
      {
        bodyLimit: UPLOAD_LIMIT,
        config: { permission: 'intel:write' },
        schema: {
          tags: ['intel'],
          summary: 'Import a STIX 2.1 bundle, MISP event, CSV or text list, or MVT index from the request body',
          description:
            'Each record is validated on its own: bad ones are listed with their reason and the rest are kept. ' +
            'Importing the same data twice adds nothing.',
          querystring: Type.Object({ format: Type.Optional(Format) }, { additionalProperties: false }),
          response: { 201: ImportReportSchema, ...problems(400, 401, 403, 413, 415) },
        },
      },
      async (req, reply) => {
        const body = req.body as Buffer;
        if (!Buffer.isBuffer(body) || body.length === 0) throw badRequest('the request body is empty');
        const format = req.query.format ?? detectFormat(body.subarray(0, 4096).toString('utf8'), '');
        const report = await importStream(ctx, actorOf(req.principal, req.ip, req.id), Readable.from([body]), {
          source: 'upload',
          format,
        });
        return reply.code(201).send(refuseIfUnreadable(report));
      },
    );
  });

  app.post(
    '/api/intel/imports/from-url',
    {
      config: { permission: 'intel:write' },
      schema: {
        tags: ['intel'],
        summary: 'Import from an http(s) URL (special-purpose addresses are refused on every redirect hop)',
        body: Body({ url: Type.String({ format: 'uri', maxLength: 2048 }), format: Type.Optional(Format) }),
        response: { 201: ImportReportSchema, ...problems(400, 401, 403, 502) },
      },
    },
    async (req, reply) => {
      if (!/^https?:\/\//i.test(req.body.url)) throw badRequest('only http and https URLs can be imported');
      const report = await importFromUrl(ctx, actorOf(req.principal, req.ip, req.id), req.body.url, {
        ...(req.body.format ? { format: req.body.format } : {}),
      });
      return reply.code(201).send(refuseIfUnreadable(report));
    },
  );

  app.get(
    '/api/intel/imports',
    {
      config: { permission: 'intel:read' },
      schema: {
        tags: ['intel'],
        summary: 'Recent imports with their counts',
        response: {
          200: Type.Object({
            imports: Type.Array(
              Type.Object({
                id: Type.String(),
                source: Type.String(),
                format: Type.String(),
                actor_label: Type.String(),
                status: Type.Union(
                  ['running', 'finished', 'failed', 'interrupted'].map((s) => Type.Literal(s)),
                  { description: 'interrupted: the process running it stopped before it finished' },
                ),
                error: Type.Union([Type.String(), Type.Null()]),
                started_at: Type.String(),
                finished_at: Type.Union([Type.String(), Type.Null()]),
                summary: Type.Record(Type.String(), Type.Unknown()),
              }),
            ),
          }),
          ...problems(401, 403),
        },
      },
    },
    async () => ({
      imports: (await recentImports(ctx)).map((r) => ({
        ...r,
        started_at: new Date(r.started_at).toISOString(),
        finished_at: r.finished_at ? new Date(r.finished_at).toISOString() : null,
        summary: r.summary as unknown as Record<string, unknown>,
      })),
    }),
  );

  app.get(
    '/api/intel/imports/:id',
    {
      config: { permission: 'intel:read' },
      schema: {
        tags: ['intel'],
        summary: 'One import: its counts and every record it refused, with the reason',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const row = await importReport(ctx, req.params.id);
      return { ...row, summary: row.summary, rejected: row.rejected };
    },
  );
}
