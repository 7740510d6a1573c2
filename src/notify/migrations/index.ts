import type { Migration } from 'kysely';
import * as notify from './20261123-05-notify.ts';

export const notifyMigrations: Record<string, Migration> = {
  '20261123-05-notify': notify,
};
