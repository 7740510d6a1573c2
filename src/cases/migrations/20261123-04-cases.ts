import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One case per person (the subject's keyed hash from detect: never the subject itself) and actor, while open.
  await db.schema
    .createTable('cases_cases')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('subject_index', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('state_reason', 'text')
    .addColumn('assignee_id', 'uuid')
    .addColumn('first_seen', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen', 'timestamptz', (c) => c.notNull())
    .addColumn('confidence', 'integer', (c) => c.notNull())
    .addColumn('merged_into', 'uuid')
    // Coarse context an analyst may add, for published figures and shared sightings: never more precise.
    .addColumn('country', 'text')
    .addColumn('sector', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('cases_cases_subject').on('cases_cases').columns(['subject_index', 'actor']).execute();
  await db.schema.createIndex('cases_cases_state').on('cases_cases').columns(['state', 'last_seen']).execute();

  await db.schema
    .createTable('cases_detections')
    .addColumn('detection_id', 'uuid', (c) => c.primaryKey())
    .addColumn('case_id', 'uuid', (c) => c.notNull())
    .addColumn('indicator_id', 'text', (c) => c.notNull())
    .addColumn('matched_value', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen', 'timestamptz', (c) => c.notNull())
    .addColumn('event_count', 'integer', (c) => c.notNull())
    .addColumn('confidence', 'integer', (c) => c.notNull())
    .addColumn('retroactive', 'boolean', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cases_detections_case').on('cases_detections').column('case_id').execute();

  await db.schema
    .createTable('cases_notes')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('case_id', 'uuid', (c) => c.notNull())
    .addColumn('author_id', 'uuid')
    .addColumn('author_label', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('cases_notes_case').on('cases_notes').columns(['case_id', 'created_at']).execute();

  await db.schema
    .createTable('cases_state')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['cases_state', 'cases_notes', 'cases_detections', 'cases_cases'])
    await db.schema.dropTable(t).execute();
}
