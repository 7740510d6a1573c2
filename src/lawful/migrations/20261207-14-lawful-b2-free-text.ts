import { sql, type Kysely } from 'kysely';

// Review steps keep their free text sealed beside the structured details, with the keyed indexes of identifiers
// found in it; documents keep the active content found in them. Existing plaintext is sealed at start-up
// (sealLegacyStepText), since a migration cannot reach the keyring.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('lawful_review_steps')
    .addColumn('text_enc', 'text')
    .addColumn('text_indexes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('text_match_indexes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  await db.schema
    .alterTable('lawful_documents')
    .addColumn('active_content', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('lawful_documents').dropColumn('active_content').execute();
  await db.schema
    .alterTable('lawful_review_steps')
    .dropColumn('text_match_indexes')
    .dropColumn('text_indexes')
    .dropColumn('text_enc')
    .execute();
}
