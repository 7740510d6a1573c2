import type { Migration } from 'kysely';
import * as core from './20261122-01-core.ts';
import * as auditCheckpoints from './20261207-02-audit-checkpoints.ts';
import * as rateCounters from './20261207-11-revoke-rate-counters.ts';

/** The core's migrations; modules add theirs in src/modules.ts. */
export const coreMigrations: Record<string, Migration> = {
  '20261122-01-core': core,
  '20261207-02-audit-checkpoints': auditCheckpoints,
  '20261207-11-revoke-rate-counters': rateCounters,
};
