import type { Kysely } from 'kysely';
import { currentSchema } from '../db/current-schema.ts';

/**
 * Where the job queue keeps its tables: `pgboss` for an installation in the `public` schema, else beside the
 * installation's own schema (`<schema>_jobs`). Installations that share a PostgreSQL database, each in its own
 * schema (DATABASE_URL with `options=-c search_path=...`), then never run each other's jobs, and every process of
 * one installation (server, CLI commands) finds the same queue.
 */
export async function jobSchemaFor<DB>(db: Kysely<DB>): Promise<string> {
  const schema = await currentSchema(db);
  return schema === 'public' ? 'pgboss' : `${schema}_jobs`;
}
