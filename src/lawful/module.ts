import type { AccordModule } from '../core/module.ts';
import { lawfulMigrations } from './migrations/index.ts';
import { lawfulRoutes } from './routes.ts';
import { sealLegacyStepText } from './free-text.ts';
import { sealLegacyRequestText } from './request-text.ts';
import { userNoticeJob } from './user-notice.ts';

/** Lawful requests: the agency registry and portal, safeguards against forged requests, rights-respecting review. */
export const lawfulModule: AccordModule = {
  name: 'lawful',
  migrations: lawfulMigrations,
  routes: lawfulRoutes,
  jobs: (ctx) => [userNoticeJob(ctx)],
  // Start-up step: seals free text that older versions stored in plaintext (a migration cannot reach the keyring).
  background: (ctx) => [
    {
      name: 'lawful-seal-legacy-step-text',
      start: async () => {
        const sealed = await sealLegacyStepText(ctx);
        if (sealed > 0) ctx.log.info({ sealed }, 'sealed the free text of older lawful review steps');
      },
      stop: async () => {},
    },
    {
      name: 'lawful-seal-legacy-request-text',
      start: async () => {
        const sealed = await sealLegacyRequestText(ctx);
        if (sealed > 0) ctx.log.info({ sealed }, 'sealed the legal basis, authority and case number of older requests');
      },
      stop: async () => {},
    },
  ],
  encryptedFields: [
    { table: 'lawful_requests', key: 'id', column: 'targets_enc', storage: 'text' },
    { table: 'lawful_requests', key: 'id', column: 'emergency_narrative_enc', storage: 'text' },
    { table: 'lawful_requests', key: 'id', column: 'legal_basis_enc', storage: 'text' },
    { table: 'lawful_requests', key: 'id', column: 'issuing_authority_enc', storage: 'text' },
    { table: 'lawful_requests', key: 'id', column: 'case_number_enc', storage: 'text' },
    { table: 'lawful_documents', key: 'id', column: 'content_enc', storage: 'text' },
    { table: 'lawful_productions', key: 'id', column: 'content_enc', storage: 'text' },
    { table: 'lawful_review_steps', key: 'id', column: 'text_enc', storage: 'text' },
  ],
};
