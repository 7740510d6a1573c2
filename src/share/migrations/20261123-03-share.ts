import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('share_collections')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('alias', 'text', (c) => c.unique())
    .addColumn('read_groups', 'jsonb', (c) => c.notNull())
    .addColumn('write_groups', 'jsonb', (c) => c.notNull())
    .addColumn('amber_groups', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // One row per object version published in a collection: the copy served, so reads never touch intel's tables.
  await db.schema
    .createTable('share_objects')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('collection_id', 'uuid', (c) => c.notNull().references('share_collections.id').onDelete('cascade'))
    .addColumn('stix_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('modified_at', 'timestamptz', (c) => c.notNull())
    .addColumn('spec_version', 'text', (c) => c.notNull())
    .addColumn('date_added', 'timestamptz', (c) => c.notNull())
    .addColumn('release', 'text', (c) => c.notNull())
    .addColumn('object', 'json', (c) => c.notNull())
    .addUniqueConstraint('share_objects_version', ['collection_id', 'stix_id', 'modified_at'])
    .execute();
  // The keyset every page walks: the last page costs what the first does.
  await sql`create index share_objects_page on share_objects (collection_id, seq)`.execute(db);

  await db.schema
    .createTable('share_status')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('collection_id', 'uuid', (c) => c.notNull().references('share_collections.id').onDelete('cascade'))
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('resource', 'jsonb', (c) => c.notNull())
    .execute();
}
