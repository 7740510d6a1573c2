import type { Kysely } from 'kysely';

/**
 * Rate-limit counters shared by every process on the database, so that N processes do not give an attacker N
 * budgets for sign-in, TOTP and setup-link guesses. `key` is a keyed hash of the limiter's key (never the raw IP
 * or name). Also an index that lets expired sessions be swept cheaply.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_counters')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_counters_expires_at').on('rate_counters').column('expires_at').execute();
  await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('sessions_expires_at').execute();
  await db.schema.dropTable('rate_counters').execute();
}
