import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The actors and advisories the provider chose to describe publicly (the awareness principle).
  await db.schema
    .createTable('intel_public_profiles')
    .addColumn('stix_id', 'text', (c) => c.primaryKey())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}
