import type { ColumnType, Kysely, Transaction } from 'kysely';
import type { Database, Executor } from '../../core/db/database.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

/** A TAXII collection; the groups are principal selectors (`role:<role>`, `user:<username>`). */
export interface ShareCollectionTable {
  id: string;
  title: string;
  description: string | null;
  alias: string | null;
  read_groups: Json<string[]>;
  write_groups: Json<string[]>;
  /** Who may receive TLP:AMBER and TLP:AMBER+STRICT objects of this collection (readers too). */
  amber_groups: Json<string[]>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** How far an object version may travel, decided once when it enters the collection (see release.ts). */
export type Release = 'open' | 'amber' | 'withheld';

/** One published object version; `seq` orders the collection and is the pagination key. */
export interface ShareObjectTable {
  seq: ColumnType<number, never, never>;
  collection_id: string;
  stix_id: string;
  type: string;
  version: string;
  modified_at: Timestamp;
  spec_version: string;
  date_added: Timestamp;
  release: Release;
  object: Json<Record<string, unknown>>;
}

/** The status resource of one TAXII POST, kept whole as the specification shapes it. */
export interface ShareStatusTable {
  id: string;
  collection_id: string;
  owner_id: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  resource: Json<Record<string, unknown>>;
}

export type ShareTables = {
  share_collections: ShareCollectionTable;
  share_objects: ShareObjectTable;
  share_status: ShareStatusTable;
};

export type ShareDb = Kysely<Database & ShareTables> | Transaction<Database & ShareTables>;

/** The share module's view of a database handle or transaction. */
export const shareDb = (executor: Executor): ShareDb => executor.withTables<ShareTables>();
