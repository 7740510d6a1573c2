import { Type } from '@sinclair/typebox';
import type { CoreContext } from '../core/context.ts';
import type { AccordApp } from '../core/http/fastify-types.ts';
import { problems } from '../core/http/schemas.ts';
import { presentPublic, PublicRelease } from './present.ts';
import { FormatQuery, Id, sendFile } from './route-schemas.ts';
import { exportRelease, exportSeries, publicSeries, release, releases, TransparencyReport } from './service.ts';

// Public, unauthenticated and cheap, but not unlimited.
const limited = { permission: 'public' as const, rateLimit: { max: 600, timeWindow: '1 minute' } };

/** Anyone: published releases only. A draft is indistinguishable from a release that does not exist. */
export function publicRoutes(app: AccordApp, ctx: CoreContext) {
  app.get(
    '/api/public/transparency/releases',
    {
      config: limited,
      schema: {
        tags: ['transparency'],
        summary: 'Published transparency releases, newest period first (corrections keep earlier versions)',
        response: { 200: Type.Object({ releases: Type.Array(PublicRelease) }), ...problems(400) },
      },
    },
    async () => {
      const rows = await releases(ctx, 'public');
      return { releases: rows.map((r) => presentPublic(r, rows)) };
    },
  );

  app.get(
    '/api/public/transparency/releases/:id',
    {
      config: limited,
      schema: {
        tags: ['transparency'],
        summary: 'A published release and its report',
        params: Id,
        response: { 200: Type.Object({ release: PublicRelease, report: TransparencyReport }), ...problems(400, 404) },
      },
    },
    async (req) => {
      const row = await release(ctx, 'public', req.params.id);
      return { release: presentPublic(row, await releases(ctx, 'public', row.period)), report: row.content };
    },
  );

  app.get(
    '/api/public/transparency/releases/:id/export',
    {
      config: limited,
      schema: {
        tags: ['transparency'],
        summary: 'A published release as google-csv, google-national-security-csv, microsoft or json',
        params: Id,
        querystring: FormatQuery,
        response: { ...problems(400, 404) },
      },
    },
    async (req, reply) => sendFile(reply, await exportRelease(ctx, 'public', req.params.id, req.query.format)),
  );

  app.get(
    '/api/public/transparency/export',
    {
      config: limited,
      schema: {
        tags: ['transparency'],
        summary: 'The published series (newest version of each period, oldest first) in one file',
        querystring: FormatQuery,
        response: { ...problems(400) },
      },
    },
    async (req, reply) => sendFile(reply, await exportSeries(ctx, req.query.format)),
  );

  app.get(
    '/api/public/transparency/series',
    {
      config: limited,
      schema: {
        tags: ['transparency'],
        summary: 'Chart data: per published period, totals, outcome shares, people notified and requests per country',
        response: { ...problems(400) },
      },
    },
    async () => ({ periods: await publicSeries(ctx) }),
  );

  app.get(
    '/api/public/transparency/schema.json',
    {
      config: limited,
      schema: { tags: ['transparency'], summary: 'The JSON Schema of the report’s JSON form' },
    },
    async (_req, reply) => {
      reply.header('content-type', 'application/schema+json');
      return JSON.stringify(TransparencyReport);
    },
  );
}
