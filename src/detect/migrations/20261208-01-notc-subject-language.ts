import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per person (keyed hash of the canonical account, as on detections): what is known about them beyond
  // their detections. The account itself is never stored here; the language is a tag (`fr`, `pt-BR`), no identifier.
  await db.schema
    .createTable('detect_subjects')
    .addColumn('subject_index', 'text', (c) => c.primaryKey())
    .addColumn('language', 'text')
    .addColumn('language_source', 'text', (c) => c.check(sql`language_source in ('telemetry', 'provider', 'analyst')`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('detect_subjects').execute();
}
