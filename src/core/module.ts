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
}
