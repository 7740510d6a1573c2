import type { Migration } from 'kysely';
import { coreModule } from './core/core-module.ts';
import type { EncryptedField } from './core/crypto/encrypted-fields.ts';
import type { AccordModule } from './core/module.ts';
import { casesModule } from './cases/module.ts';
import { detectModule } from './detect/module.ts';
import { intelModule } from './intel/module.ts';
import { lawfulModule } from './lawful/module.ts';
import { notifyModule } from './notify/module.ts';
import { screeningModule } from './screening/module.ts';
import { shareModule } from './share/module.ts';
import { transparencyModule } from './transparency/module.ts';
import { siteModule } from './site/module.ts';

/** Every module of the service, in the order their routes are registered. The one place modules are wired. */
export const modules: readonly AccordModule[] = [
  coreModule(() => encryptedFields),
  intelModule,
  detectModule,
  casesModule,
  notifyModule,
  lawfulModule,
  shareModule,
  transparencyModule,
  screeningModule,
  siteModule,
];

export const migrations: Readonly<Record<string, Migration>> = Object.assign(
  {},
  ...modules.map((m) => m.migrations ?? {}),
);

export const encryptedFields: readonly EncryptedField[] = modules.flatMap((m) => m.encryptedFields ?? []);
