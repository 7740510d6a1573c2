import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Which attempt holds a delivery's lease: only that attempt may settle it (compare-and-set), so a late answer of
  // an attempt that lost its lease never overwrites what the next one recorded.
  await db.schema.alterTable('notify_deliveries').addColumn('attempt_id', 'uuid').execute();
  // When the next attempt is due: its job is queued to start then, in the same transaction.
  await db.schema.alterTable('notify_deliveries').addColumn('next_attempt_at', 'timestamptz').execute();
  await sql`update notify_deliveries set next_attempt_at = created_at where status in ('queued', 'sending')`.execute(
    db,
  );
  await sql`create index notify_deliveries_due on notify_deliveries (next_attempt_at) where status in ('queued', 'sending')`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('notify_deliveries_due').execute();
  await db.schema.alterTable('notify_deliveries').dropColumn('next_attempt_at').execute();
  await db.schema.alterTable('notify_deliveries').dropColumn('attempt_id').execute();
}
