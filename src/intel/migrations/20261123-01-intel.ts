import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('intel_objects')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('stix_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('modified_at', 'timestamptz', (c) => c.notNull())
    .addColumn('spec_version', 'text')
    .addColumn('revoked', 'boolean', (c) => c.notNull())
    .addColumn('is_latest', 'boolean', (c) => c.notNull())
    .addColumn('object', 'json', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('tlp', 'text')
    .addColumn('marking_refs', 'jsonb', (c) => c.notNull())
    .addColumn('has_granular_markings', 'boolean', (c) => c.notNull())
    .addColumn('confidence', 'integer')
    .addColumn('valid_from', 'timestamptz')
    .addColumn('valid_until', 'timestamptz')
    .addColumn('source_ref', 'text')
    .addColumn('target_ref', 'text')
    .addColumn('relationship_type', 'text')
    .addColumn('import_id', 'uuid')
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('intel_objects_version', ['stix_id', 'modified_at'])
    .execute();
  await sql`create index intel_objects_latest on intel_objects (type, seq) where is_latest`.execute(db);
  // Only relationships and sightings have endpoints: partial indexes keep indicator inserts cheap.
  await sql`create index intel_objects_source on intel_objects (source_ref) where source_ref is not null`.execute(db);
  await sql`create index intel_objects_target on intel_objects (target_ref) where target_ref is not null`.execute(db);

  await db.schema
    .createTable('intel_values')
    .addColumn('object_seq', 'bigint', (c) => c.notNull())
    .addColumn('stix_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('intel_values_lookup').on('intel_values').columns(['value', 'key']).execute();
  await db.schema.createIndex('intel_values_object').on('intel_values').column('object_seq').execute();

  await db.schema
    .createTable('intel_imports')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addColumn('summary', 'jsonb', (c) => c.notNull())
    .addColumn('rejected', 'jsonb', (c) => c.notNull())
    .execute();
}
