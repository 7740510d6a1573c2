import type { Migration } from 'kysely';
import * as screening from './20261123-20-screening.ts';

export const screeningMigrations: Record<string, Migration> = {
  '20261123-20-screening': screening,
};
