import type { Migration } from 'kysely';
import * as detect from './20261123-02-detect.ts';

export const detectMigrations: Record<string, Migration> = {
  '20261123-02-detect': detect,
};
