import type { Migration } from 'kysely';
import * as core from './20261122-01-core.ts';

/** The core's migrations; modules add theirs in src/modules.ts. */
export const coreMigrations: Record<string, Migration> = {
  '20261122-01-core': core,
};
