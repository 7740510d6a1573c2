import type { Kysely } from 'kysely';

// A case carries its subject's confusable-skeleton index (from its detections), so a lawful request naming a
// look-alike of a targeted person is found without decrypting any subject.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('cases_cases').addColumn('subject_match_index', 'text').execute();
  await db.schema.createIndex('cases_cases_subject_match').on('cases_cases').column('subject_match_index').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('cases_cases_subject_match').execute();
  await db.schema.alterTable('cases_cases').dropColumn('subject_match_index').execute();
}
