import { Type } from '@sinclair/typebox';
import { actorOf } from '../core/auth/principal.ts';
import type { CoreContext } from '../core/context.ts';
import type { AccordApp } from '../core/http/fastify-types.ts';
import { Body, problems } from '../core/http/schemas.ts';
import { deleteCollection, updateCollection } from './collections.ts';
import { CollectionSchema, Groups, presentCollection } from './collection-schema.ts';

const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

/** Changing and deleting collections (share:manage), each audited by the service. */
export function collectionChangeRoutes(app: AccordApp, ctx: CoreContext) {
  app.patch(
    '/api/share/collections/:id',
    {
      config: { permission: 'share:manage' },
      schema: {
        tags: ['share'],
        summary: "Change a collection's title, description or read, write and TLP:AMBER groups",
        description: 'Only the fields given change; a group list given replaces the old one.',
        params: Params,
        body: Body({
          title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          description: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
          read_groups: Type.Optional(Groups),
          write_groups: Type.Optional(Groups),
          amber_groups: Type.Optional(Groups),
        }),
        response: { 200: CollectionSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const b = req.body;
      const updated = await updateCollection(ctx, actorOf(req.principal, req.ip, req.id), req.params.id, {
        ...(b.title !== undefined ? { title: b.title } : {}),
        ...(b.description !== undefined ? { description: b.description } : {}),
        ...(b.read_groups ? { readGroups: b.read_groups } : {}),
        ...(b.write_groups ? { writeGroups: b.write_groups } : {}),
        ...(b.amber_groups ? { amberGroups: b.amber_groups } : {}),
      });
      return presentCollection(updated);
    },
  );

  app.delete(
    '/api/share/collections/:id',
    {
      config: { permission: 'share:manage' },
      schema: {
        tags: ['share'],
        summary: 'Delete a collection with every object version published to it (the intel store keeps its own)',
        params: Params,
        response: { 204: Type.Null(), ...problems(401, 403, 404) },
      },
    },
    async (req, reply) => {
      await deleteCollection(ctx, actorOf(req.principal, req.ip, req.id), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
