import type { Migration } from 'kysely';
import * as detect from './20261123-02-detect.ts';
import * as changes from './20261123-03-detect-changes.ts';

export const detectMigrations: Record<string, Migration> = {
  '20261123-02-detect': detect,
  '20261123-03-detect-changes': changes,
};
