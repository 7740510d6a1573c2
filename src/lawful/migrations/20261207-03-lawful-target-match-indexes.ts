import { sql, type Kysely } from 'kysely';

// Each target's confusable-skeleton index beside its canonical index: a target that only looks like a targeted
// person's identifier escalates as a match does.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('lawful_requests')
    .addColumn('target_match_indexes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('lawful_requests').dropColumn('target_match_indexes').execute();
}
