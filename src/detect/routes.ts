import { configuredFieldMapping } from './engine/field-mapping.ts';
import { Type } from '@sinclair/typebox';
import { actorOf } from '../core/auth/principal.ts';
import type { CoreContext } from '../core/context.ts';
import type { AccordApp } from '../core/http/fastify-types.ts';
import { RevealReasonBody } from '../core/http/reveal-reason.ts';
import { problems } from '../core/http/schemas.ts';
import { findDetections, revealDetection, viewDetection } from './detections.ts';
import { ingestRoute } from './ingest-route.ts';
import { subjectRoutes } from './subject-routes.ts';

const Detection = Type.Object({
  id: Type.String(),
  subject_ref: Type.Union([Type.String(), Type.Null()]),
  indicator_id: Type.String(),
  matched: Type.Object({ key: Type.String(), value: Type.String(), field: Type.String() }),
  first_seen: Type.String(),
  last_seen: Type.String(),
  count: Type.Integer(),
  confidence: Type.Integer(),
  actor: Type.Union([Type.String(), Type.Null()]),
  attribution: Type.Array(
    Type.Object({
      id: Type.String(),
      type: Type.String(),
      name: Type.Union([Type.String(), Type.Null()]),
      via: Type.String(),
    }),
  ),
  retroactive: Type.Boolean(),
  source: Type.String(),
});

export async function detectRoutes(app: AccordApp, ctx: CoreContext) {
  // A bad mapping file stops start-up here, naming its variable, rather than failing the first ingest.
  configuredFieldMapping(ctx.config);
  await ingestRoute(app, ctx);
  subjectRoutes(app, ctx);

  app.get(
    '/api/detections',
    {
      config: { permission: 'detect:read' },
      schema: {
        tags: ['detect'],
        summary: 'Detections, newest first (subjects shown only as pseudonyms)',
        querystring: Type.Object(
          {
            since: Type.Optional(Type.String({ format: 'date-time' })),
            actor: Type.Optional(Type.String({ maxLength: 250 })),
            retroactive: Type.Optional(Type.Boolean()),
            limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ detections: Type.Array(Detection) }), ...problems(400, 401, 403) },
      },
    },
    async (req) => ({
      detections: await findDetections(ctx, {
        limit: req.query.limit,
        ...(req.query.since ? { after: new Date(req.query.since) } : {}),
        ...(req.query.actor ? { actor: req.query.actor } : {}),
        ...(req.query.retroactive !== undefined ? { retroactive: req.query.retroactive } : {}),
      }),
    }),
  );

  app.get(
    '/api/detections/:id',
    {
      config: { permission: 'detect:read' },
      schema: {
        tags: ['detect'],
        summary: 'One detection, its subject shown only as a pseudonym (revealing whom it concerns is its own POST)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        querystring: Type.Object({}, { additionalProperties: false }),
        response: { 200: Detection, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => viewDetection(ctx, actorOf(req.principal, req.ip, req.id), req.params.id),
  );

  app.post(
    '/api/detections/:id/reveal',
    {
      config: { permission: 'cases:reveal' },
      schema: {
        tags: ['detect'],
        summary: 'Whom a detection concerns, with a stated reason (audited with it)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        querystring: Type.Object({}, { additionalProperties: false }),
        body: RevealReasonBody,
        response: {
          200: Type.Object({ id: Type.String(), subject: Type.Union([Type.String(), Type.Null()]) }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (req) => revealDetection(ctx, actorOf(req.principal, req.ip, req.id), req.params.id, req.body.reason),
  );
}
