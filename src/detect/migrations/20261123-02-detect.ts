import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('detect_detections')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    // Folding key: the subject's blind index and the indicator. Hits with the same key within the window fold.
    .addColumn('fold_key', 'text', (c) => c.notNull())
    .addColumn('subject_enc', 'text')
    .addColumn('subject_index', 'text')
    .addColumn('indicator_id', 'text', (c) => c.notNull())
    .addColumn('matched_key', 'text', (c) => c.notNull())
    .addColumn('matched_value', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen', 'timestamptz', (c) => c.notNull())
    .addColumn('event_count', 'integer', (c) => c.notNull())
    .addColumn('confidence', 'integer', (c) => c.notNull())
    .addColumn('attribution', 'jsonb', (c) => c.notNull())
    .addColumn('actor', 'text')
    .addColumn('retroactive', 'boolean', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('detect_detections_fold')
    .on('detect_detections')
    .columns(['fold_key', 'last_seen'])
    .execute();
  await db.schema.createIndex('detect_detections_subject').on('detect_detections').column('subject_index').execute();
  await db.schema.createIndex('detect_detections_seen').on('detect_detections').column('last_seen').execute();

  // One row per event that produced a hit: a redelivered event (NATS at-least-once, a re-sent batch) is recognised
  // and counted once.
  await db.schema
    .createTable('detect_hit_events')
    .addColumn('event_key', 'text', (c) => c.primaryKey())
    .addColumn('detection_id', 'uuid', (c) => c.notNull())
    .addColumn('seen_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('detect_state')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .execute();
}
