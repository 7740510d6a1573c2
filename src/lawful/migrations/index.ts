import type { Migration } from 'kysely';
import * as lawful from './20261123-06-lawful.ts';

export const lawfulMigrations: Record<string, Migration> = {
  '20261123-06-lawful': lawful,
};
