import { sql, type Kysely } from 'kysely';

// A pull's position, saved with every page: the remote's `next` of the window being read and the last date_added
// seen in it, so a pull interrupted after page k resumes at page k + 1 (and a backlog longer than one pull continues
// where the last pull stopped). Refused objects are counted, the latest reasons kept.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('share_subscriptions')
    .addColumn('next_token', 'text')
    .addColumn('window_last', 'text')
    .addColumn('objects_refused', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_refusals', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('share_subscriptions')
    .dropColumn('next_token')
    .dropColumn('window_last')
    .dropColumn('objects_refused')
    .dropColumn('last_refusals')
    .execute();
}
