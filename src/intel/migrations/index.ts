import type { Migration } from 'kysely';
import * as intel from './20261123-01-intel.ts';
import * as publicProfiles from './20261123-12-intel-public-profiles.ts';
import * as importLiveness from './20261206-01-intel-import-liveness.ts';

export const intelMigrations: Record<string, Migration> = {
  '20261123-01-intel': intel,
  '20261123-12-intel-public-profiles': publicProfiles,
  '20261206-01-intel-import-liveness': importLiveness,
};
