import { Type } from '@sinclair/typebox';
import { roleAllows } from '../core/auth/permissions.ts';
import { actorOf } from '../core/auth/principal.ts';
import type { CoreContext } from '../core/context.ts';
import { forbidden } from '../core/errors.ts';
import type { AccordApp } from '../core/http/fastify-types.ts';
import { Body, problems } from '../core/http/schemas.ts';
import {
  createCollection,
  listCollections,
  MIN_CASES_PER_SIGHTING,
  publishObjects,
  publishSightings,
} from './service.ts';
import { taxiiRoutes } from './taxii/routes.ts';
import { subscriptionRoutes } from './client/routes.ts';
import { CollectionSchema, Groups, presentCollection as present } from './collection-schema.ts';
import { collectionChangeRoutes } from './collection-change-routes.ts';

const StixId = Type.String({ pattern: '^[a-z0-9-]+--[0-9a-fA-F-]{36}$', maxLength: 300 });

/** Management API under /api/share, and the TAXII server under /taxii2/. */
export async function shareRoutes(app: AccordApp, ctx: CoreContext) {
  app.post(
    '/api/share/collections',
    {
      config: { permission: 'share:manage' },
      schema: {
        tags: ['share'],
        summary: 'Create a TAXII collection with its read, write and TLP:AMBER groups',
        body: Body({
          title: Type.String({ minLength: 1, maxLength: 200 }),
          description: Type.Optional(Type.String({ maxLength: 2000 })),
          alias: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,99}$' })),
          read_groups: Groups,
          write_groups: Type.Optional(Groups),
          amber_groups: Type.Optional(Groups),
        }),
        response: { 201: CollectionSchema, ...problems(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const created = await createCollection(ctx, actorOf(req.principal, req.ip, req.id), {
        title: b.title,
        ...(b.description ? { description: b.description } : {}),
        ...(b.alias ? { alias: b.alias } : {}),
        readGroups: b.read_groups,
        writeGroups: b.write_groups ?? [],
        amberGroups: b.amber_groups ?? [],
      });
      return reply.code(201).send(present(created));
    },
  );

  app.get(
    '/api/share/collections',
    {
      config: { permission: 'share:manage' },
      schema: {
        tags: ['share'],
        summary: 'Every TAXII collection with its groups',
        response: { 200: Type.Object({ collections: Type.Array(CollectionSchema) }), ...problems(401, 403) },
      },
    },
    async () => ({ collections: (await listCollections(ctx)).map(present) }),
  );

  app.post(
    '/api/share/collections/:id/objects',
    {
      config: { permission: 'share:write' },
      schema: {
        tags: ['share'],
        summary: 'Publish intel objects (every stored version) to a collection',
        description: 'Needs intel:read as well. TLP:RED and unknown markings are stored but never served.',
        params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
        body: Body({ ids: Type.Array(StixId, { minItems: 1, maxItems: 10_000 }) }),
        response: {
          200: Type.Object({
            published: Type.Integer(),
            already_published: Type.Integer(),
            withheld: Type.Integer(),
            missing: Type.Array(Type.String()),
          }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (req) => {
      // Peers may post to collections over TAXII (share:write) but must not copy our intel out: publishing
      // also needs the right to read the intel store.
      const p = req.principal;
      if (!p || !roleAllows(p.role, 'intel:read') || (p.scopes && !p.scopes.has('intel:read'))) {
        throw forbidden("publishing also needs the 'intel:read' permission");
      }
      const r = await publishObjects(ctx, actorOf(p, req.ip, req.id), req.params.id, req.body.ids);
      return {
        published: r.published,
        already_published: r.alreadyPublished,
        withheld: r.withheld,
        missing: r.missing,
      };
    },
  );

  app.post(
    '/api/share/collections/:id/sightings',
    {
      config: { permission: 'share:manage' },
      schema: {
        tags: ['share'],
        summary:
          'Publish anonymised sightings from confirmed targeting cases (counts, first/last seen, region, sector)',
        description: `Groups of fewer than ${MIN_CASES_PER_SIGHTING} cases lose their region and sector, or are not shared.`,
        params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
        response: {
          200: Type.Object({
            sightings: Type.Integer(),
            published: Type.Integer(),
            unknownActors: Type.Array(Type.String()),
          }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (req) => publishSightings(ctx, actorOf(req.principal, req.ip, req.id), req.params.id),
  );

  collectionChangeRoutes(app, ctx);
  subscriptionRoutes(app, ctx);
  await taxiiRoutes(app, ctx);
}
