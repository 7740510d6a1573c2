import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import { AppError } from '../errors.ts';
import { currentSchema } from './current-schema.ts';

/**
 * Applies every pending migration. Migration names start with a date and a sequence number
 * (`20261122-01-core`), so the migrations of all modules form one ordered list.
 */
export async function migrateToLatest<DB>(
  db: Kysely<DB>,
  migrations: Readonly<Record<string, Migration>>,
): Promise<string[]> {
  return applied(await (await migratorFor(db, migrations)).migrateToLatest());
}

/** Names of migrations not yet applied. */
export async function pendingMigrations<DB>(
  db: Kysely<DB>,
  migrations: Readonly<Record<string, Migration>>,
): Promise<string[]> {
  const all = await (await migratorFor(db, migrations)).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}

/**
 * The migrator, bound to the connection's own schema: without one, Kysely takes a migration table found in any
 * schema of the database as its own (several Accord installations, or test files, may share a database).
 */
async function migratorFor<DB>(db: Kysely<DB>, migrations: Readonly<Record<string, Migration>>) {
  return new Migrator({
    db: db as Kysely<unknown>,
    migrationTableSchema: await currentSchema(db),
    provider: { getMigrations: async () => ({ ...migrations }) },
  });
}

function applied({ error, results }: MigrationResultSet): string[] {
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('migration_failed', 500, 'Migration failed', `migration ${failed} failed: ${reason}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
