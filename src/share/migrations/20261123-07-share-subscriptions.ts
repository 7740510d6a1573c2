import { sql, type Kysely } from 'kysely';

// Remote TAXII collections Accord pulls from. The credential is sealed; the cursor is the remote server's last
// date_added seen, so a pull resumes where the last one stopped.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('share_subscriptions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('username', 'text')
    .addColumn('secret_enc', 'text')
    .addColumn('interval_seconds', 'integer', (c) => c.notNull())
    .addColumn('added_after', 'text')
    .addColumn('objects_received', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_pulled_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('share_subscriptions').execute();
}
