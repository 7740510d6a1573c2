import type { Migration } from 'kysely';
import type { CoreContext } from './context.ts';
import type { EncryptedField } from './crypto/encrypted-fields.ts';
import type { AccordApp } from './http/fastify-types.ts';
import type { AnyJob } from './jobs/job.ts';

/** What a module contributes to the service. Modules are listed once, in src/modules.ts. */
export interface AccordModule {
  readonly name: string;
  readonly migrations?: Readonly<Record<string, Migration>>;
  readonly routes?: (app: AccordApp, ctx: CoreContext) => void | Promise<void>;
  /** The module's background jobs; handlers close over the context they are given. */
  readonly jobs?: (ctx: CoreContext) => readonly AnyJob[];
  readonly encryptedFields?: readonly EncryptedField[];
  /**
   * Run once by every process that opens the runtime (the server and each CLI command), after migrations: repairs
   * what a process that died left behind.
   */
  readonly onOpen?: (ctx: CoreContext) => Promise<void>;
  /** Long-running work the server runs beside the HTTP API (consumers, refreshers); not started by CLI commands. */
  readonly background?: (ctx: CoreContext) => readonly BackgroundTask[];
}

/** A long-running task: started after the database and jobs are up, stopped before they close. */
export interface BackgroundTask {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}
