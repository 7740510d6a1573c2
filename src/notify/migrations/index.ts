import type { Migration } from 'kysely';
import * as notify from './20261123-05-notify.ts';
import * as attempts from './20261207-04-notify-attempts.ts';
import * as claim from './20261207-19-notify2-claim.ts';

export const notifyMigrations: Record<string, Migration> = {
  '20261123-05-notify': notify,
  '20261207-04-notify-attempts': attempts,
  '20261207-19-notify2-claim': claim,
};
