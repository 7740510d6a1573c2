import { sql, type Kysely } from 'kysely';

/** The schema this connection works in: `public`, or the one DATABASE_URL's search_path names. */
export async function currentSchema<DB>(db: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema ?? 'public';
}
