import { sql, type Kysely } from 'kysely';

/**
 * Signed checkpoints of the audit chain's head. The signatures are what count (the key is outside the database,
 * the checkpoints are also appended to a file and served to third parties); this table lets every process serve
 * the latest one and continue verification from it. Append-only, like the chain itself.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute();
  await sql`create trigger audit_checkpoints_no_update before update or delete on audit_checkpoints
    for each row execute function audit_events_append_only()`.execute(db);
  await sql`create trigger audit_checkpoints_no_truncate before truncate on audit_checkpoints
    for each statement execute function audit_events_append_only()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('audit checkpoints cannot be rolled back');
}
