import type { Migration } from 'kysely';
import * as transparency from './20261123-10-transparency.ts';

export const transparencyMigrations: Record<string, Migration> = {
  '20261123-10-transparency': transparency,
};
