import { sql, type Kysely } from 'kysely';

// Registering an agency or adding a domain to one is a reviewed change: pending until a second person approves,
// with the look-alike evidence the approver saw. Agencies registered before stay as they are (active).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('lawful_agency_changes')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('agency_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('domains', 'jsonb', (c) => c.notNull())
    .addColumn('flags', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_by_id', 'text')
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('decided_by', 'text')
    .addColumn('decided_by_id', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('reasons', 'text')
    .execute();
  await db.schema
    .createIndex('lawful_agency_changes_status')
    .on('lawful_agency_changes')
    .columns(['status', 'requested_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('lawful_agency_changes').execute();
}
