import type { ColumnType, Kysely, Transaction } from 'kysely';
import type { Database, Executor } from '../../core/db/database.ts';
import type { EntryName } from '../matcher/types.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export interface ListTable {
  id: string;
  name: string;
  format: string;
  source: string;
  version: string;
  imported_at: Timestamp;
  entry_count: number;
  created_at: CreatedAt;
}

export interface ListImportTable {
  id: string;
  list_id: string;
  format: string;
  source: string;
  version: string;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  rejected: Json<Array<{ record: number; reason: string }>>;
  changes: Json<{ added: string[]; changed: string[]; removed: string[] }>;
  imported_by: string;
  imported_at: CreatedAt;
}

export interface EntryTable {
  id: string;
  list_id: string;
  external_id: string;
  name: string;
  aliases: Json<EntryName[]>;
  countries: Json<string[]>;
  domains: Json<string[]>;
  programs: Json<string[]>;
  remarks: string | null;
  source_url: string | null;
  /** sha256 of the record's content: a re-import compares it to see what changed. */
  digest: string;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface StateTable {
  id: number;
  entries_version: number;
  /** The change log (screening_entry_changes) holds every change after this version. */
  changes_from: number | null;
}

export interface EntryChangeTable {
  version: number;
  entry_id: string;
}

export type PartyStatus = 'pending' | 'approved' | 'approved_with_conditions' | 'rejected';

export interface PartyTable {
  id: string;
  name: string;
  kind: string;
  aliases: Json<string[]>;
  country: string | null;
  domain: string | null;
  status: PartyStatus;
  match_count: number;
  next_review_at: Timestamp | null;
  created_by: string | null;
  created_by_label: string;
  archived_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ResultTable {
  id: string;
  party_id: string;
  trigger: 'created' | 'updated' | 'manual' | 'rescreen';
  threshold: number;
  matches: Json<unknown[]>;
  match_count: number;
  entries_version: number;
  screened_by: string;
  screened_at: CreatedAt;
}

export interface PartyMatchTable {
  party_id: string;
  entry_id: string;
  score: number;
  first_seen_at: CreatedAt;
}

export interface AlertTable {
  id: string;
  party_id: string;
  entry_id: string;
  list_name: string;
  entry_name: string;
  score: number;
  explanation: Json<unknown>;
  status: 'open' | 'acknowledged';
  note: string | null;
  acknowledged_by: string | null;
  acknowledged_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface QuestionnaireTable {
  id: string;
  party_id: string;
  answers: Json<Record<string, unknown>>;
  risk: 'low' | 'medium' | 'high';
  answered_by: string;
  answered_by_label: string;
  answered_at: CreatedAt;
}

export interface DecisionTable {
  id: string;
  party_id: string;
  decision: Exclude<PartyStatus, 'pending'>;
  reasons: string;
  conditions: string | null;
  review_at: Timestamp;
  decided_by: string;
  decided_by_label: string;
  decided_at: CreatedAt;
}

export type ScreeningTables = {
  screening_lists: ListTable;
  screening_list_imports: ListImportTable;
  screening_entries: EntryTable;
  screening_state: StateTable;
  screening_entry_changes: EntryChangeTable;
  screening_parties: PartyTable;
  screening_results: ResultTable;
  screening_party_matches: PartyMatchTable;
  screening_alerts: AlertTable;
  screening_questionnaires: QuestionnaireTable;
  screening_decisions: DecisionTable;
};

export type ScreeningDb = Kysely<Database & ScreeningTables> | Transaction<Database & ScreeningTables>;
export const screeningDb = (executor: Executor): ScreeningDb => executor.withTables<ScreeningTables>();
