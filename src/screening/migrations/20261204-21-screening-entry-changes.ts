import { sql, type Kysely } from 'kysely';

// Which entries each import touched, by entries version: an in-memory index catches up by re-reading only those
// (index-cache.ts) instead of rebuilding from every entry. changes_from: the log is complete after that version.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('screening_entry_changes')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('entry_id', 'uuid', (c) => c.notNull())
    .addPrimaryKeyConstraint('screening_entry_changes_pk', ['version', 'entry_id'])
    .execute();
  await db.schema.alterTable('screening_state').addColumn('changes_from', 'integer').execute();
  await sql`update screening_state set changes_from = entries_version`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('screening_state').dropColumn('changes_from').execute();
  await db.schema.dropTable('screening_entry_changes').ifExists().execute();
}
