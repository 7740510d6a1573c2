import { Type } from '@sinclair/typebox';
import type { CoreContext } from './context.ts';
import type { EncryptedField } from './crypto/encrypted-fields.ts';
import { keyRotationJob } from './crypto/rotate-job.ts';
import { notFound } from './errors.ts';
import type { AccordApp } from './http/fastify-types.ts';
import { problems } from './http/schemas.ts';

const JobState = Type.Object({
  id: Type.String(),
  name: Type.String(),
  state: Type.String(),
  retry_count: Type.Integer(),
  created_on: Type.String(),
  completed_on: Type.Union([Type.String(), Type.Null()]),
});

export function adminRoutes(app: AccordApp, ctx: CoreContext, fields: readonly EncryptedField[]) {
  const rotation = keyRotationJob(ctx, fields);

  app.post(
    '/api/admin/keys/rotate',
    {
      config: { permission: 'keys:rotate' },
      schema: {
        tags: ['admin'],
        summary: 'Rotate the data-encryption key: re-encrypts every protected field in the background',
        response: { 202: Type.Object({ job_id: Type.String(), job: Type.String() }), ...problems(401, 403, 409) },
      },
    },
    async (req, reply) => {
      const id = await ctx.jobs.send(
        rotation,
        { requestedBy: req.principal!.username },
        { singletonKey: 'keys.rotate' },
      );
      reply.code(202);
      return { job_id: id ?? 'already-queued', job: rotation.name };
    },
  );

  app.get(
    '/api/admin/jobs/:name/:id',
    {
      config: { permission: 'jobs:read' },
      schema: {
        tags: ['admin'],
        summary: 'State of a background job',
        params: Type.Object({
          name: Type.String({ pattern: '^[a-z][a-z0-9_.-]*$' }),
          id: Type.String({ format: 'uuid' }),
        }),
        response: { 200: JobState, ...problems(401, 403, 404) },
      },
    },
    async (req) => {
      const job = await ctx.jobs.getJob(req.params.name, req.params.id);
      if (!job) throw notFound(`no job ${req.params.id}`);
      return {
        id: job.id,
        name: job.name,
        state: job.state,
        retry_count: job.retryCount,
        created_on: new Date(job.createdOn).toISOString(),
        completed_on: job.completedOn ? new Date(job.completedOn).toISOString() : null,
      };
    },
  );
}
