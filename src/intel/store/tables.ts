import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';
import type { Database, Executor } from '../../core/db/database.ts';
import type { StixObject } from '../stix/index.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Every version of every STIX object, as imported (`object` is kept exactly, markings included). */
export interface IntelObjectTable {
  /** Insertion order: the TAXII "date added" cursor and a stable pagination key. */
  seq: Generated<number>;
  stix_id: string;
  type: string;
  /** The version's `modified` (or `created`, or the epoch for unversioned objects), exactly as written. */
  version: string;
  modified_at: Timestamp;
  spec_version: string | null;
  revoked: boolean;
  /** True for the newest version of each `stix_id`; the one served by default. */
  is_latest: boolean;
  object: ColumnType<StixObject, string, string>;
  name: string | null;
  tlp: string | null;
  marking_refs: ColumnType<string[], string, string>;
  has_granular_markings: boolean;
  confidence: number | null;
  valid_from: Timestamp | null;
  valid_until: Timestamp | null;
  source_ref: string | null;
  target_ref: string | null;
  relationship_type: string | null;
  import_id: string | null;
  added_at: ColumnType<Date, Date | string | undefined, never>;
}

/** The values an indicator's simple pattern compares against, normalised, for look-ups and the matcher. */
export interface IntelValueTable {
  object_seq: number;
  stix_id: string;
  /** `<object type>:<path>` with hash keys canonical, e.g. `domain-name:value`, `file:hashes.'SHA-256'`. */
  key: string;
  value: string;
}

export interface IntelPublicProfileTable {
  stix_id: string;
  published_by: string;
  published_at: ColumnType<Date, Date | undefined, never>;
}

export interface IntelImportTable {
  id: string;
  source: string;
  format: string;
  actor_label: string;
  /** `running`, `finished` or `failed`; a running one whose heartbeat stopped is read as `interrupted`. */
  status: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  heartbeat_at: Timestamp;
  error: string | null;
  summary: ColumnType<ImportSummaryJson, string, string>;
  rejected: ColumnType<RejectedRecordJson[], string, string>;
}

export interface ImportSummaryJson {
  received: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  [key: string]: unknown;
}

export interface RejectedRecordJson {
  record: string;
  id?: string;
  value?: string;
  reason: string;
}

// A type alias, not an interface: Kysely's withTables needs an index-compatible record type.
export type IntelTables = {
  intel_objects: IntelObjectTable;
  intel_values: IntelValueTable;
  intel_imports: IntelImportTable;
  intel_public_profiles: IntelPublicProfileTable;
};

export type IntelDb = Kysely<Database & IntelTables> | Transaction<Database & IntelTables>;

/** The intel module's view of a database handle or transaction: the core's tables plus its own. */
export const intelDb = (executor: Executor): IntelDb => executor.withTables<IntelTables>();
