import type { ColumnType, Kysely, Transaction } from 'kysely';
import type { Database, Executor } from '../../core/db/database.ts';
import type { TransparencyReport } from '../report-schema.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type ReleaseState = 'draft' | 'approved' | 'published';

export interface ReleaseTable {
  id: string;
  /** `2026H1`, `2026Q3`, `2026`. */
  period: string;
  /** 1 for the first release of a period; each correction adds one. */
  version: number;
  state: ReleaseState;
  source: 'records' | 'imported';
  content: ColumnType<TransparencyReport, string, string>;
  /** SHA-256 of the content's canonical JSON, also written to the audit log when published. */
  content_hash: string;
  change_note: string | null;
  created_by: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  approved_by: string | null;
  approved_at: Timestamp | null;
  published_by: string | null;
  published_at: Timestamp | null;
}

export type TransparencyTables = { transparency_releases: ReleaseTable };
export type TransparencyDb = Kysely<Database & TransparencyTables> | Transaction<Database & TransparencyTables>;
export const transparencyDb = (executor: Executor): TransparencyDb => executor.withTables<TransparencyTables>();
