import type { AuditSigningKey } from './audit/signing-key.ts';
import type { Config } from './config/index.ts';
import type { Db } from './db/database.ts';
import type { BulkRunner } from './db/bulk.ts';
import type { Keyring } from './crypto/keyring.ts';
import type { JobQueue } from './jobs/queue.ts';
import type { Logger } from './log/logger.ts';

/**
 * What every service needs, wired by hand once at start-up (src/server.ts, the CLI, the tests) and passed
 * down: no globals, no container.
 */
export interface CoreContext {
  readonly config: Config;
  readonly db: Db;
  readonly dbKind: 'pglite' | 'postgres';
  /** Bulk loads with COPY, in a transaction of their own. */
  readonly bulk: BulkRunner;
  readonly keyring: Keyring;
  /** Signs checkpoints of the audit chain (ACCORD_AUDIT_SIGNING_KEY_FILE). */
  readonly auditKey: AuditSigningKey;
  readonly jobs: JobQueue;
  readonly log: Logger;
}
