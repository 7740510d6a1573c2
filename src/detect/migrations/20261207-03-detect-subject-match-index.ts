import type { Kysely } from 'kysely';

// The keyed hash of each subject's confusable skeleton (UTS #39), beside its canonical index: look-alike spellings
// of a targeted person's identifier are a possible match for the lawful-request cross-check.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('detect_detections').addColumn('subject_match_index', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('detect_detections').dropColumn('subject_match_index').execute();
}
