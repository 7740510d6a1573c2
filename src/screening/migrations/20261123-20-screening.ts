import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('screening_lists')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull())
    .addColumn('entry_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // What each import changed, for the record and for rescreening.
  await db.schema
    .createTable('screening_list_imports')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('list_id', 'uuid', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('added', 'integer', (c) => c.notNull())
    .addColumn('changed', 'integer', (c) => c.notNull())
    .addColumn('removed', 'integer', (c) => c.notNull())
    .addColumn('unchanged', 'integer', (c) => c.notNull())
    .addColumn('rejected', 'jsonb', (c) => c.notNull())
    .addColumn('changes', 'jsonb', (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('screening_list_imports_list').on('screening_list_imports').column('list_id').execute();

  await db.schema
    .createTable('screening_entries')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('list_id', 'uuid', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('aliases', 'jsonb', (c) => c.notNull())
    .addColumn('countries', 'jsonb', (c) => c.notNull())
    .addColumn('domains', 'jsonb', (c) => c.notNull())
    .addColumn('programs', 'jsonb', (c) => c.notNull())
    .addColumn('remarks', 'text')
    .addColumn('source_url', 'text')
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('screening_entries_list_external', ['list_id', 'external_id'])
    .execute();

  // One row: moves whenever any list's entries change, so in-memory indexes know to rebuild.
  await db.schema
    .createTable('screening_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('entries_version', 'integer', (c) => c.notNull())
    .execute();
  await sql`insert into screening_state (id, entries_version) values (1, 0)`.execute(db);

  await db.schema
    .createTable('screening_parties')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('aliases', 'jsonb', (c) => c.notNull())
    .addColumn('country', 'text')
    .addColumn('domain', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('match_count', 'integer', (c) => c.notNull())
    .addColumn('next_review_at', 'timestamptz')
    .addColumn('created_by', 'text')
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('screening_results')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('party_id', 'uuid', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('threshold', 'real', (c) => c.notNull())
    .addColumn('matches', 'jsonb', (c) => c.notNull())
    .addColumn('match_count', 'integer', (c) => c.notNull())
    .addColumn('entries_version', 'integer', (c) => c.notNull())
    .addColumn('screened_by', 'text', (c) => c.notNull())
    .addColumn('screened_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('screening_results_party')
    .on('screening_results')
    .columns(['party_id', 'screened_at'])
    .execute();

  // Matches a party is known to have: a rescreen alerts only on entries not here.
  await db.schema
    .createTable('screening_party_matches')
    .addColumn('party_id', 'uuid', (c) => c.notNull())
    .addColumn('entry_id', 'uuid', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('screening_party_matches_pk', ['party_id', 'entry_id'])
    .execute();

  await db.schema
    .createTable('screening_alerts')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('party_id', 'uuid', (c) => c.notNull())
    .addColumn('entry_id', 'uuid', (c) => c.notNull())
    .addColumn('list_name', 'text', (c) => c.notNull())
    .addColumn('entry_name', 'text', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('explanation', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('acknowledged_by', 'text')
    .addColumn('acknowledged_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('screening_alerts_status')
    .on('screening_alerts')
    .columns(['status', 'created_at'])
    .execute();

  await db.schema
    .createTable('screening_questionnaires')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('party_id', 'uuid', (c) => c.notNull())
    .addColumn('answers', 'jsonb', (c) => c.notNull())
    .addColumn('risk', 'text', (c) => c.notNull())
    .addColumn('answered_by', 'text', (c) => c.notNull())
    .addColumn('answered_by_label', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('screening_decisions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('party_id', 'uuid', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('conditions', 'text')
    .addColumn('review_at', 'timestamptz', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_by_label', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'screening_decisions',
    'screening_questionnaires',
    'screening_alerts',
    'screening_party_matches',
    'screening_results',
    'screening_parties',
    'screening_state',
    'screening_entries',
    'screening_list_imports',
    'screening_lists',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
