import type { AccordModule } from '../core/module.ts';
import { lawfulMigrations } from './migrations/index.ts';
import { lawfulRoutes } from './routes.ts';
import { userNoticeJob } from './user-notice.ts';

/** Lawful requests: the agency registry and portal, safeguards against forged requests, rights-respecting review. */
export const lawfulModule: AccordModule = {
  name: 'lawful',
  migrations: lawfulMigrations,
  routes: lawfulRoutes,
  jobs: (ctx) => [userNoticeJob(ctx)],
  encryptedFields: [
    { table: 'lawful_requests', key: 'id', column: 'targets_enc', storage: 'text' },
    { table: 'lawful_requests', key: 'id', column: 'emergency_narrative_enc', storage: 'text' },
    { table: 'lawful_documents', key: 'id', column: 'content_enc', storage: 'text' },
    { table: 'lawful_productions', key: 'id', column: 'content_enc', storage: 'text' },
  ],
};
