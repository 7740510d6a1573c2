import { sql, type Kysely } from 'kysely';

// Callback contacts become registry data: added by one person, verified by another, each with who and when.
// Contacts from before were added and "verified" by one person in one step, so they wait for a second person's
// verification now (an operator re-verifies them; until then no callback through them counts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('lawful_contacts')
    .addColumn('added_by', 'text')
    .addColumn('added_by_id', 'text')
    .addColumn('added_at', 'timestamptz')
    .addColumn('verified_by_id', 'text')
    .execute();
  await sql`update lawful_contacts set added_by = verified_by, added_at = verified_at`.execute(db);
  await db.schema
    .alterTable('lawful_contacts')
    .alterColumn('added_by', (c) => c.setNotNull())
    .execute();
  await db.schema
    .alterTable('lawful_contacts')
    .alterColumn('added_at', (c) => c.setNotNull())
    .execute();
  await db.schema
    .alterTable('lawful_contacts')
    .alterColumn('verified_by', (c) => c.dropNotNull())
    .execute();
  await db.schema
    .alterTable('lawful_contacts')
    .alterColumn('verified_at', (c) => c.dropNotNull())
    .execute();
  await sql`update lawful_contacts set verified_by = null, verified_at = null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update lawful_contacts set verified_by = added_by, verified_at = added_at where verified_at is null`.execute(
    db,
  );
  for (const c of ['added_by', 'added_by_id', 'added_at', 'verified_by_id'])
    await db.schema.alterTable('lawful_contacts').dropColumn(c).execute();
}
