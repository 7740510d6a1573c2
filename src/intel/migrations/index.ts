import type { Migration } from 'kysely';
import * as intel from './20261123-01-intel.ts';

export const intelMigrations: Record<string, Migration> = {
  '20261123-01-intel': intel,
};
