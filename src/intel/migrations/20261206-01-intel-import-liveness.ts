import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A running import touches `heartbeat_at` while its process lives, so one whose process died can be told from
  // one still at work; `error` says why an import stopped early.
  await db.schema.alterTable('intel_imports').addColumn('heartbeat_at', 'timestamptz').execute();
  await db.schema.alterTable('intel_imports').addColumn('error', 'text').execute();
  await sql`update intel_imports set heartbeat_at = coalesce(finished_at, started_at)`.execute(db);
  await db.schema
    .alterTable('intel_imports')
    .alterColumn('heartbeat_at', (c) => c.setNotNull())
    .execute();
}
