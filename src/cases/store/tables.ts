import type { ColumnType, Kysely, Transaction } from 'kysely';
import type { Database, Executor } from '../../core/db/database.ts';
import type { CaseState } from '../states.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface CaseTable {
  id: string;
  subject_index: string;
  /** The detection's confusable-skeleton index: a lawful request naming a look-alike is a possible match. */
  subject_match_index: string | null;
  actor: string;
  state: CaseState;
  state_reason: string | null;
  assignee_id: string | null;
  first_seen: Timestamp;
  last_seen: Timestamp;
  confidence: number;
  merged_into: string | null;
  /** ISO 3166-1 alpha-2, set by an analyst. */
  country: string | null;
  sector: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: Timestamp;
}

export interface CaseDetectionTable {
  detection_id: string;
  case_id: string;
  indicator_id: string;
  matched_value: string;
  first_seen: Timestamp;
  last_seen: Timestamp;
  event_count: number;
  confidence: number;
  retroactive: boolean;
}

export interface CaseNoteTable {
  id: string;
  case_id: string;
  author_id: string | null;
  author_label: string;
  kind: 'note' | 'evidence';
  /** Notes may name the person or quote what they reported: sealed like every identifier of a person at risk. */
  body_enc: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface CasesStateTable {
  name: string;
  value: ColumnType<unknown, string, string>;
}

export type CasesTables = {
  cases_cases: CaseTable;
  cases_detections: CaseDetectionTable;
  cases_notes: CaseNoteTable;
  cases_state: CasesStateTable;
};

export type CasesDb = Kysely<Database & CasesTables> | Transaction<Database & CasesTables>;
export const casesDb = (executor: Executor): CasesDb => executor.withTables<CasesTables>();
