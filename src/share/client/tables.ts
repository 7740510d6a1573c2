import type { ColumnType, Kysely, Transaction } from 'kysely';
import type { Database, Executor } from '../../core/db/database.ts';

export interface SubscriptionTable {
  id: string;
  name: string;
  /** The remote collection's URL (`…/taxii2/<root>/collections/<id>/`). */
  url: string;
  username: string | null;
  secret_enc: string | null;
  interval_seconds: number;
  /**
   * Where the current window of pages started: the remote `X-TAXII-Date-Added-Last` of the last window completed.
   * It moves only when a window is complete.
   */
  added_after: string | null;
  /** The remote's `next` for the page after the last one stored, while a window is open; null between windows. */
  next_token: string | null;
  /** The latest `X-TAXII-Date-Added-Last` of the open window's stored pages: where the window ends so far. */
  window_last: string | null;
  objects_received: ColumnType<number, number | undefined, number>;
  /** Objects the intel store refused (invalid STIX), counted once per stored page. */
  objects_refused: ColumnType<number, number | undefined, number>;
  /** The latest refusals (id, version, reason), at most 20. */
  last_refusals: ColumnType<Refusal[], string | undefined, string>;
  last_pulled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  last_error: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface Refusal {
  id: string;
  version: string;
  reason: string;
}

export type ClientTables = { share_subscriptions: SubscriptionTable };
export type ClientDb = Kysely<Database & ClientTables> | Transaction<Database & ClientTables>;
export const clientDb = (executor: Executor): ClientDb => executor.withTables<ClientTables>();
