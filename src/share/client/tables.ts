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
  /** The remote `X-TAXII-Date-Added-Last` of the last page stored: the next pull starts after it. */
  added_after: string | null;
  objects_received: ColumnType<number, number | undefined, number>;
  last_pulled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  last_error: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export type ClientTables = { share_subscriptions: SubscriptionTable };
export type ClientDb = Kysely<Database & ClientTables> | Transaction<Database & ClientTables>;
export const clientDb = (executor: Executor): ClientDb => executor.withTables<ClientTables>();
