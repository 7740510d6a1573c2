import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { CoreContext } from '../core/context.ts';
import { badRequest } from '../core/errors.ts';
import type { AccordApp } from '../core/http/fastify-types.ts';
import { problems } from '../core/http/schemas.ts';
import { contentKey, ingestBatch } from './ingest.ts';

const BATCH_LIMIT = 16 * 1024 * 1024;

export async function ingestRoute(app: AccordApp, ctx: CoreContext) {
  // NDJSON bodies are taken as bytes: lines are parsed (and bad ones counted) by the engine, not by Fastify.
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/json', 'text/plain'],
      { parseAs: 'buffer', bodyLimit: BATCH_LIMIT },
      (_req, body, done) => done(null, body),
    );
    scope.post(
      '/api/detect/events',
      {
        bodyLimit: BATCH_LIMIT,
        config: { permission: 'detect:ingest' },
        schema: {
          tags: ['detect'],
          summary: 'Ingest a batch of telemetry as newline-delimited JSON; returns what it found',
          description:
            'Send `Idempotency-Key` to make a retried batch count once (otherwise the batch content identifies it). ' +
            'Malformed lines are counted and the first few reported with their line numbers.',
          headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
          response: {
            200: Type.Object({
              lines: Type.Integer(),
              malformed: Type.Integer(),
              first_malformed: Type.Array(Type.Object({ line: Type.Integer(), reason: Type.String() })),
              hits: Type.Integer(),
              detections_created: Type.Integer(),
              folded: Type.Integer(),
              duplicates: Type.Integer(),
            }),
            ...problems(400, 401, 403, 413, 415),
          },
        },
      },
      async (req) => {
        const body = req.body as Buffer;
        if (!Buffer.isBuffer(body) || body.length === 0) throw badRequest('the request body is empty');
        const key = req.headers['idempotency-key'];
        const batchKey = `http:${req.principal?.userId ?? 'anonymous'}:${key ?? contentKey(body)}`;
        const r = await ingestBatch(ctx, body, batchKey, 'http');
        return {
          lines: r.lines,
          malformed: r.malformed,
          first_malformed: r.firstMalformed,
          hits: r.hits,
          detections_created: r.created.length,
          folded: r.folded,
          duplicates: r.duplicates,
        };
      },
    );
  });
}
