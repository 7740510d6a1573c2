import { randomBytes } from 'node:crypto';

/** PostgreSQL when DATABASE_URL is set (CI runs the suite both ways), otherwise embedded PGlite. */
export const databaseUrl = process.env.DATABASE_URL || undefined;
export const engine = databaseUrl ? 'postgres' : 'pglite';

/** One master key for the whole run: the prepared template's data keys are wrapped with it. */
export const TEST_MASTER_KEY = process.env.ACCORD_TEST_MASTER_KEY ?? randomBytes(32).toString('base64');

export const uniqueName = (prefix: string) => `${prefix}_${randomBytes(5).toString('hex')}`;
