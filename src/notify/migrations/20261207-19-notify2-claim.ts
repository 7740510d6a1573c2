import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The deliveries table is the delivery queue: workers claim due rows themselves (no job per attempt), and an
  // attempt's lease ends at lease_until, after which its row returns to queued.
  await db.schema.alterTable('notify_deliveries').addColumn('lease_until', 'timestamptz').execute();
  // Rows of the job-based delivery: a queued row is due now; an attempt running under it keeps its old lease.
  await sql`update notify_deliveries set next_attempt_at = coalesce(next_attempt_at, created_at) where status = 'queued'`.execute(
    db,
  );
  await sql`update notify_deliveries set lease_until = coalesce(claimed_at, now()) + interval '2 minutes' where status = 'sending'`.execute(
    db,
  );
  await sql`create index notify_deliveries_claim on notify_deliveries (channel, next_attempt_at) where status = 'queued'`.execute(
    db,
  );
  await sql`create index notify_deliveries_lease on notify_deliveries (lease_until) where status = 'sending'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('notify_deliveries_lease').execute();
  await db.schema.dropIndex('notify_deliveries_claim').execute();
  await db.schema.alterTable('notify_deliveries').dropColumn('lease_until').execute();
}
