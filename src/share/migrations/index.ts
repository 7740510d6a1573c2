import type { Migration } from 'kysely';
import * as share from './20261123-03-share.ts';

export const shareMigrations: Record<string, Migration> = {
  '20261123-03-share': share,
};
