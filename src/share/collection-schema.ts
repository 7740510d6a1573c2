import { Type } from '@sinclair/typebox';
import type { Collection } from './collections.ts';

export const Groups = Type.Array(Type.String({ pattern: '^(role|user):[A-Za-z0-9._@-]{1,100}$' }), { maxItems: 100 });
export const CollectionSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  alias: Type.Union([Type.String(), Type.Null()]),
  read_groups: Groups,
  write_groups: Groups,
  amber_groups: Groups,
  created_at: Type.String(),
});
/** A collection as the management API shows it. */
export const presentCollection = (c: Collection) => ({
  id: c.id,
  title: c.title,
  description: c.description,
  alias: c.alias,
  read_groups: c.readGroups,
  write_groups: c.writeGroups,
  amber_groups: c.amberGroups,
  created_at: c.createdAt,
});
