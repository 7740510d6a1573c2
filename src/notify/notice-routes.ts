import { Type } from '@sinclair/typebox';
import { actorOf } from '../core/auth/principal.ts';
import type { CoreContext } from '../core/context.ts';
import type { AccordApp } from '../core/http/fastify-types.ts';
import { problems } from '../core/http/schemas.ts';
import { noticeLanguages } from './render-notice.ts';
import { approveNotice, findNotices, noticeFigures, noticeStatus, presentNotice, requestNotice } from './service.ts';

const Notice = Type.Object({
  id: Type.String(),
  case_id: Type.String(),
  campaign: Type.String(),
  language: Type.String(),
  state: Type.String(),
  approvals: Type.Integer(),
  approvals_required: Type.Integer(),
  created_at: Type.String(),
  delivered_at: Type.Union([Type.String(), Type.Null()]),
});
const Params = Type.Object({ id: Type.String({ format: 'uuid' }) });

export function noticeRoutes(app: AccordApp, ctx: CoreContext) {
  app.post(
    '/api/notifications',
    {
      config: { permission: 'cases:write' },
      schema: {
        tags: ['notify'],
        summary:
          'Ask for a notice to the person a confirmed case concerns (policy, suppression and deduplication apply)',
        body: Type.Object(
          {
            case_id: Type.String({ format: 'uuid' }),
            // Without it: the person's preferred language, else ACCORD_NOTIFY_DEFAULT_LANGUAGE.
            language: Type.Optional(Type.Union(noticeLanguages.map((l) => Type.Literal(l)))),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ outcome: Type.String(), notice: Notice }),
          201: Type.Object({ outcome: Type.String(), notice: Notice }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (req, reply) => {
      const r = await requestNotice(ctx, actorOf(req.principal, req.ip, req.id), req.body.case_id, req.body.language);
      reply.code(r.outcome === 'created' ? 201 : 200);
      return { outcome: r.outcome, notice: presentNotice(r.notice) };
    },
  );

  app.get(
    '/api/notifications',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags: ['notify'],
        summary: 'Notices, newest first',
        querystring: Type.Object(
          {
            state: Type.Optional(Type.String({ maxLength: 40 })),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ notices: Type.Array(Notice) }), ...problems(400, 401, 403) },
      },
    },
    async (req) => ({
      notices: await findNotices(ctx, {
        limit: req.query.limit,
        ...(req.query.state ? { state: req.query.state } : {}),
      }),
    }),
  );

  app.get(
    '/api/notifications/figures',
    {
      config: { permission: 'transparency:read' },
      schema: {
        tags: ['notify'],
        summary: 'Delivered notices: how many, hours from first detection (median, p95), by half-year and campaign',
        response: {
          200: Type.Object({
            delivered: Type.Integer(),
            hoursToNotice: Type.Object({
              median: Type.Union([Type.Number(), Type.Null()]),
              p95: Type.Union([Type.Number(), Type.Null()]),
            }),
            byHalfYear: Type.Array(Type.Object({ period: Type.String(), notices: Type.Integer() })),
            byCampaign: Type.Array(Type.Object({ campaign: Type.String(), notices: Type.Integer() })),
            byCountry: Type.Array(Type.Object({ country: Type.String(), notices: Type.Integer() })),
          }),
          ...problems(401, 403),
        },
      },
    },
    async () => noticeFigures(ctx),
  );

  app.get(
    '/api/notifications/:id',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags: ['notify'],
        summary: 'A notice and the status of each delivery',
        params: Params,
        response: {
          200: Type.Composite([
            Notice,
            Type.Object({
              deliveries: Type.Array(
                Type.Object({
                  channel: Type.String(),
                  status: Type.String(),
                  attempts: Type.Integer(),
                  last_error: Type.Union([Type.String(), Type.Null()]),
                  sent_at: Type.Union([Type.String(), Type.Null()]),
                }),
              ),
            }),
          ]),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (req) => noticeStatus(ctx, req.params.id),
  );

  app.post(
    '/api/notifications/:id/approve',
    {
      config: { permission: 'notify:approve' },
      schema: {
        tags: ['notify'],
        summary: 'Approve a pending notice (not your own request; with enough approvals it is sent)',
        params: Params,
        response: { 200: Notice, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => presentNotice(await approveNotice(ctx, actorOf(req.principal, req.ip, req.id), req.params.id)),
  );
}
