import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { CoreContext } from '../context.ts';
import { serviceUnavailable } from '../errors.ts';
import type { AccordApp } from './fastify-types.ts';

const Status = Type.Object({
  status: Type.String(),
  database: Type.Optional(Type.String()),
  jobs: Type.Optional(Type.String()),
});

/** `/healthz`: the process answers. `/readyz`: it can serve: database reachable, job queue running. */
export function healthRoutes(app: AccordApp, ctx: CoreContext) {
  app.get(
    '/healthz',
    { config: { permission: 'public' }, schema: { hide: true, response: { 200: Status } } },
    async () => ({
      status: 'ok',
    }),
  );

  app.get(
    '/readyz',
    { config: { permission: 'public' }, schema: { hide: true, response: { 200: Status } } },
    async () => {
      try {
        await Promise.race([
          sql`select 1`.execute(ctx.db),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
        ]);
      } catch {
        throw serviceUnavailable('the database is not reachable');
      }
      if (ctx.config.jobsEnabled && !ctx.jobs.started) throw serviceUnavailable('the job queue is not running');
      return { status: 'ready', database: ctx.dbKind, jobs: ctx.config.jobsEnabled ? 'running' : 'disabled' };
    },
  );
}
