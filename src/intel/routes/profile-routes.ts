import { Type } from '@sinclair/typebox';
import { actorOf } from '../../core/auth/principal.ts';
import type { CoreContext } from '../../core/context.ts';
import type { AccordApp } from '../../core/http/fastify-types.ts';
import { problems } from '../../core/http/schemas.ts';
import { publicProfile, publicProfiles, publishProfile, unpublishProfile } from '../public-profiles.ts';

const Params = Type.Object({ id: Type.String({ pattern: '^[a-z0-9-]+--[0-9a-fA-F-]{36}$', maxLength: 300 }) });
const publicRead = { permission: 'public' as const, rateLimit: { max: 600, timeWindow: '1 minute' } };

/** Public actor profiles and advisories: analysts choose them; anyone reads what is TLP:CLEAR or unmarked. */
export function profileRoutes(app: AccordApp, ctx: CoreContext) {
  app.post(
    '/api/intel/objects/:id/public-profile',
    {
      config: { permission: 'intel:write' },
      schema: {
        tags: ['intel'],
        summary: 'Publish an actor, malware, campaign or report as a public profile (TLP:CLEAR or unmarked only)',
        params: Params,
        response: {
          200: Type.Object({ id: Type.String(), published: Type.Boolean() }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (req) => publishProfile(ctx, actorOf(req.principal, req.ip, req.id), req.params.id),
  );

  app.delete(
    '/api/intel/objects/:id/public-profile',
    {
      config: { permission: 'intel:write' },
      schema: {
        tags: ['intel'],
        summary: 'Withdraw a public profile',
        params: Params,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await unpublishProfile(ctx, actorOf(req.principal, req.ip, req.id), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/public/profiles',
    {
      config: publicRead,
      schema: { tags: ['intel'], summary: 'Public actor profiles and advisories', response: { ...problems(400) } },
    },
    async () => ({ profiles: await publicProfiles(ctx) }),
  );

  app.get(
    '/api/public/profiles/:id',
    {
      config: publicRead,
      schema: {
        tags: ['intel'],
        summary: 'One public profile: description, aliases, techniques, references, related objects, indicators',
        params: Params,
        response: { ...problems(400, 404) },
      },
    },
    async (req) => publicProfile(ctx, req.params.id),
  );
}
