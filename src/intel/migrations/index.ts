import type { Migration } from 'kysely';
import * as intel from './20261123-01-intel.ts';
import * as publicProfiles from './20261123-12-intel-public-profiles.ts';

export const intelMigrations: Record<string, Migration> = {
  '20261123-01-intel': intel,
  '20261123-12-intel-public-profiles': publicProfiles,
};
