import type { Migration } from 'kysely';
import * as share from './20261123-03-share.ts';
import * as subscriptions from './20261123-07-share-subscriptions.ts';
import * as pullPosition from './20261204-01-share-pull-position.ts';

export const shareMigrations: Record<string, Migration> = {
  '20261123-03-share': share,
  '20261123-07-share-subscriptions': subscriptions,
  '20261204-01-share-pull-position': pullPosition,
};
