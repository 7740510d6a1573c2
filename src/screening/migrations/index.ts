import type { Migration } from 'kysely';
import * as screening from './20261123-20-screening.ts';
import * as entryChanges from './20261204-21-screening-entry-changes.ts';

export const screeningMigrations: Record<string, Migration> = {
  '20261123-20-screening': screening,
  '20261204-21-screening-entry-changes': entryChanges,
};
