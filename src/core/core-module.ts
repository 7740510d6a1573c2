import { adminRoutes } from './admin-routes.ts';
import { checkpointJob, checkpointScheduler } from './audit/checkpoint-job.ts';
import { checkpointRoutes } from './audit/checkpoint-routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { authRoutes } from './auth/auth-routes.ts';
import { tokensRoutes } from './auth/tokens-routes.ts';
import { usersRoutes } from './auth/users-routes.ts';
import type { EncryptedField } from './crypto/encrypted-fields.ts';
import { keyRotationJob } from './crypto/rotate-job.ts';
import { coreMigrations } from './db/migrations/index.ts';
import type { AccordModule } from './module.ts';

export const coreEncryptedFields: readonly EncryptedField[] = [
  { table: 'users', key: 'id', column: 'totp_secret', storage: 'text' },
];

/** The core as a module: sign-in, users, tokens, audit and administration. */
export function coreModule(allEncryptedFields: () => readonly EncryptedField[]): AccordModule {
  return {
    name: 'core',
    migrations: coreMigrations,
    encryptedFields: coreEncryptedFields,
    jobs: (ctx) => [keyRotationJob(ctx, allEncryptedFields()), checkpointJob(ctx)],
    background: (ctx) => [checkpointScheduler(ctx)],
    routes: (app, ctx) => {
      authRoutes(app, ctx);
      usersRoutes(app, ctx);
      tokensRoutes(app, ctx);
      auditRoutes(app, ctx);
      checkpointRoutes(app, ctx);
      adminRoutes(app, ctx, allEncryptedFields());
    },
  };
}
