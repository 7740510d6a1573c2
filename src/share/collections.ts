import { randomUUID } from 'node:crypto';
import { recordAudit, type Actor } from '../core/audit/index.ts';
import type { Principal } from '../core/auth/principal.ts';
import type { CoreContext } from '../core/context.ts';
import { badRequest, conflict, forbidden, notFound } from '../core/errors.ts';
import { inGroups, validGroups } from './groups.ts';
import {
  allCollections,
  collectionByAlias,
  collectionById,
  deleteCollectionRow,
  insertCollection,
  updateCollectionRow,
  type CollectionChanges,
} from './store/collections-store.ts';
import { shareDb } from './store/tables.ts';

export interface CollectionInput {
  title: string;
  description?: string;
  alias?: string;
  readGroups: string[];
  writeGroups: string[];
  amberGroups?: string[];
}

export interface Collection {
  id: string;
  title: string;
  description: string | null;
  alias: string | null;
  readGroups: string[];
  writeGroups: string[];
  amberGroups: string[];
  createdAt: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Row = NonNullable<Awaited<ReturnType<typeof collectionById>>>;
const present = (r: Row): Collection => ({
  id: r.id,
  title: r.title,
  description: r.description,
  alias: r.alias,
  readGroups: r.read_groups,
  writeGroups: r.write_groups,
  amberGroups: r.amber_groups,
  createdAt: r.created_at.toISOString(),
});

/** Creates a collection; groups are `role:<role>` or `user:<username>` selectors. Audited. */
export async function createCollection(ctx: CoreContext, actor: Actor, input: CollectionInput): Promise<Collection> {
  const groups = [...input.readGroups, ...input.writeGroups, ...(input.amberGroups ?? [])];
  if (!validGroups(groups)) throw badRequest('groups are role:<role> or user:<username>');
  if (input.alias && UUID.test(input.alias)) throw badRequest('an alias must not look like a collection id');
  return ctx.db.transaction().execute(async (trx) => {
    const db = shareDb(trx);
    if (input.alias && (await collectionByAlias(db, input.alias))) throw conflict(`alias '${input.alias}' is taken`);
    const row = await insertCollection(db, {
      id: randomUUID(),
      title: input.title,
      description: input.description ?? null,
      alias: input.alias ?? null,
      readGroups: input.readGroups,
      writeGroups: input.writeGroups,
      amberGroups: input.amberGroups ?? [],
    });
    await recordAudit(trx, actor, {
      action: 'share.collection.created',
      objectType: 'share_collection',
      objectId: row.id,
      details: { title: row.title, read: input.readGroups, write: input.writeGroups, amber: input.amberGroups ?? [] },
    });
    return present(row);
  });
}

/** Changes a collection's title, description or groups (those given). Audited with the groups before and after. */
export async function updateCollection(
  ctx: CoreContext,
  actor: Actor,
  idOrAlias: string,
  changes: CollectionChanges,
): Promise<Collection> {
  const groups = [...(changes.readGroups ?? []), ...(changes.writeGroups ?? []), ...(changes.amberGroups ?? [])];
  if (!validGroups(groups)) throw badRequest('groups are role:<role> or user:<username>');
  const { id } = await findCollection(ctx, idOrAlias);
  return ctx.db.transaction().execute(async (trx) => {
    const db = shareDb(trx);
    const before = await collectionById(db, id);
    if (!before) throw notFound(`no collection ${idOrAlias}`);
    const row = await updateCollectionRow(db, id, changes);
    await recordAudit(trx, actor, {
      action: 'share.collection.updated',
      objectType: 'share_collection',
      objectId: id,
      details: {
        changed: Object.keys(changes),
        before: {
          title: before.title,
          read: before.read_groups,
          write: before.write_groups,
          amber: before.amber_groups,
        },
        after: { title: row.title, read: row.read_groups, write: row.write_groups, amber: row.amber_groups },
      },
    });
    return present(row);
  });
}

/** Deletes a collection with every object version published to it and its status resources. Audited. */
export async function deleteCollection(ctx: CoreContext, actor: Actor, idOrAlias: string): Promise<void> {
  const { id, title } = await findCollection(ctx, idOrAlias);
  await ctx.db.transaction().execute(async (trx) => {
    const versions = await deleteCollectionRow(shareDb(trx), id);
    await recordAudit(trx, actor, {
      action: 'share.collection.deleted',
      objectType: 'share_collection',
      objectId: id,
      details: { title, versions },
    });
  });
}

export const listCollections = async (ctx: CoreContext) => (await allCollections(shareDb(ctx.db))).map(present);

/** A collection by id or alias, or a 404. */
export async function findCollection(ctx: CoreContext, idOrAlias: string): Promise<Collection> {
  const db = shareDb(ctx.db);
  const row = UUID.test(idOrAlias) ? await collectionById(db, idOrAlias) : await collectionByAlias(db, idOrAlias);
  if (!row) throw notFound(`no collection ${idOrAlias}`);
  return present(row);
}

/** What a caller may do in a collection. */
export const rightsIn = (c: Collection, principal: Principal | undefined) => ({
  canRead: inGroups(principal, c.readGroups),
  canWrite: inGroups(principal, c.writeGroups),
  amber: inGroups(principal, c.readGroups) && inGroups(principal, c.amberGroups),
});

/**
 * The collection as this caller may see it: a 404 when the caller is in none of its groups (its existence is
 * not revealed), a 403 when the caller lacks the right asked for.
 */
export async function collectionFor(
  ctx: CoreContext,
  principal: Principal | undefined,
  idOrAlias: string,
  need: 'see' | 'read' | 'write',
) {
  const collection = await findCollection(ctx, idOrAlias);
  const rights = rightsIn(collection, principal);
  if (!rights.canRead && !rights.canWrite) throw notFound(`no collection ${idOrAlias}`);
  if (need === 'read' && !rights.canRead) throw forbidden('you may not read this collection');
  if (need === 'write' && !rights.canWrite) throw forbidden('you may not add to this collection');
  return { collection, rights };
}
