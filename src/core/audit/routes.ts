import { Type } from '@sinclair/typebox';
import type { CoreContext } from '../context.ts';
import type { AccordApp } from '../http/fastify-types.ts';
import { problems } from '../http/schemas.ts';
import { listAuditEntries } from './store.ts';
import { verifyAuditChain } from './verify.ts';

const Entry = Type.Object({
  seq: Type.Integer(),
  occurred_at: Type.String(),
  actor_type: Type.String(),
  actor_id: Type.Union([Type.String(), Type.Null()]),
  actor_label: Type.String(),
  action: Type.String(),
  object_type: Type.Union([Type.String(), Type.Null()]),
  object_id: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  request_id: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
  hash: Type.String(),
});

export function auditRoutes(app: AccordApp, ctx: CoreContext) {
  app.get(
    '/api/audit',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'Audit entries, newest first; page with before_seq',
        querystring: Type.Object(
          {
            before_seq: Type.Optional(Type.Integer({ minimum: 1 })),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
            actor_id: Type.Optional(Type.String({ maxLength: 100 })),
            object_type: Type.Optional(Type.String({ maxLength: 100 })),
            object_id: Type.Optional(Type.String({ maxLength: 200 })),
            action: Type.Optional(Type.String({ maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ entries: Type.Array(Entry), next_before_seq: Type.Union([Type.Integer(), Type.Null()]) }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (req) => {
      const q = req.query;
      const rows = await listAuditEntries(ctx.db, {
        limit: q.limit,
        ...(q.before_seq !== undefined ? { afterSeq: q.before_seq } : {}),
        ...(q.actor_id ? { actorId: q.actor_id } : {}),
        ...(q.object_type ? { objectType: q.object_type } : {}),
        ...(q.object_id ? { objectId: q.object_id } : {}),
        ...(q.action ? { action: q.action } : {}),
      });
      const entries = rows.map((r) => ({
        ...r,
        seq: Number(r.seq),
        occurred_at: r.occurred_at.toISOString(),
        details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown>,
      }));
      const last = entries.at(-1);
      return { entries, next_before_seq: entries.length === q.limit && last ? last.seq : null };
    },
  );

  app.get(
    '/api/audit/verify',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'Check the hash chain of the whole audit log',
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            entries: Type.Integer(),
            last_seq: Type.Integer(),
            first_break: Type.Union([Type.Object({ seq: Type.Integer(), reason: Type.String() }), Type.Null()]),
          }),
          ...problems(401, 403),
        },
      },
    },
    async () => {
      const status = await verifyAuditChain(ctx.db);
      return {
        ok: status.ok,
        entries: status.entries,
        last_seq: status.lastSeq,
        first_break: status.firstBreak ?? null,
      };
    },
  );
}
