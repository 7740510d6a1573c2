import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('lawful_agencies')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('region', 'text')
    .addColumn('agency_type', 'text', (c) => c.notNull())
    .addColumn('legal_authority', 'text', (c) => c.notNull())
    .addColumn('email_domains', 'jsonb', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Callback contacts sourced independently of any request (an official directory, a call to the switchboard).
  await db.schema
    .createTable('lawful_contacts')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('agency_id', 'uuid', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('verified_by', 'text', (c) => c.notNull())
    .addColumn('verified_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('lawful_officers')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey())
    .addColumn('agency_id', 'uuid', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('invited_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('lawful_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('agency_id', 'uuid', (c) => c.notNull())
    .addColumn('officer_id', 'uuid')
    .addColumn('sender_email', 'text', (c) => c.notNull())
    .addColumn('submitted_with_mfa', 'boolean', (c) => c.notNull())
    .addColumn('request_type', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('issuing_authority', 'text', (c) => c.notNull())
    .addColumn('case_number', 'text', (c) => c.notNull())
    // The people concerned: sealed; their keyed hashes let targeting cases be found without decrypting.
    .addColumn('targets_enc', 'text', (c) => c.notNull())
    .addColumn('target_indexes', 'jsonb', (c) => c.notNull())
    .addColumn('data_categories', 'jsonb', (c) => c.notNull())
    .addColumn('date_from', 'timestamptz')
    .addColumn('date_to', 'timestamptz')
    .addColumn('nondisclosure_until', 'timestamptz')
    .addColumn('emergency_narrative_enc', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('assessment', 'jsonb', (c) => c.notNull())
    .addColumn('decision', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('lawful_requests_agency')
    .on('lawful_requests')
    .columns(['agency_id', 'submitted_at'])
    .execute();
  await db.schema
    .createIndex('lawful_requests_officer')
    .on('lawful_requests')
    .columns(['officer_id', 'submitted_at'])
    .execute();

  await db.schema
    .createTable('lawful_documents')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('request_id', 'uuid', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // What was disclosed, sealed; officers fetch it through links that expire (only the link's hash is kept).
  await db.schema
    .createTable('lawful_productions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('request_id', 'uuid', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content_enc', 'text', (c) => c.notNull())
    .addColumn('link_hash', 'text')
    .addColumn('link_expires_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // The review trail: callbacks made, checklists, decisions and approvals, in order.
  await db.schema
    .createTable('lawful_review_steps')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('request_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reviewer', 'text', (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('lawful_review_steps_request')
    .on('lawful_review_steps')
    .columns(['request_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'lawful_productions',
    'lawful_review_steps',
    'lawful_documents',
    'lawful_requests',
    'lawful_officers',
    'lawful_contacts',
    'lawful_agencies',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
