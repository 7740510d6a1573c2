import { sql } from 'kysely';
import type { DetectDb, LanguageSource } from './tables.ts';

export const getSubject = (db: DetectDb, subjectIndex: string) =>
  db.selectFrom('detect_subjects').selectAll().where('subject_index', '=', subjectIndex).executeTakeFirst();

/**
 * Sets a person's preferred language. A choice (an analyst's, or the provider's account data) replaces whatever
 * was there; a locale seen in telemetry only fills in or updates one that came from telemetry, never a choice.
 * False when nothing changed.
 */
export async function putSubjectLanguage(
  db: DetectDb,
  subjectIndex: string,
  language: string,
  source: LanguageSource,
): Promise<boolean> {
  const changed = sql<boolean>`detect_subjects.language is distinct from excluded.language
    or detect_subjects.language_source is distinct from excluded.language_source`;
  const rows = await db
    .insertInto('detect_subjects')
    .values({ subject_index: subjectIndex, language, language_source: source })
    .onConflict((oc) =>
      oc
        .column('subject_index')
        .doUpdateSet({ language, language_source: source, updated_at: new Date() })
        .where(
          source === 'telemetry'
            ? sql<boolean>`(detect_subjects.language_source is null or detect_subjects.language_source = 'telemetry') and (${changed})`
            : changed,
        ),
    )
    .returning('subject_index')
    .execute();
  return rows.length > 0;
}
