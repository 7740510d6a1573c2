import type { ColumnType, Kysely, Transaction } from 'kysely';
import type { Database, Executor } from '../../core/db/database.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface DetectionTable {
  id: string;
  fold_key: string;
  /** The account or device, sealed by the keyring (never stored or logged in clear). */
  subject_enc: string | null;
  /** Keyed hash of the subject, to find one person's detections without decrypting. */
  subject_index: string | null;
  /** Keyed hash of the subject's confusable skeleton: look-alike spellings share it (a possible match). */
  subject_match_index: string | null;
  indicator_id: string;
  matched_key: string;
  matched_value: string;
  field: string;
  first_seen: Timestamp;
  last_seen: Timestamp;
  event_count: number;
  confidence: number;
  attribution: ColumnType<AttributionStep[], string, string>;
  actor: string | null;
  retroactive: boolean;
  source: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: Timestamp;
}

export interface AttributionStep {
  id: string;
  type: string;
  name: string | null;
  via: string;
}

export interface HitEventTable {
  event_key: string;
  detection_id: string;
  seen_at: Timestamp;
}

export interface DetectStateTable {
  name: string;
  value: ColumnType<unknown, string, string>;
}

export type LanguageSource = 'telemetry' | 'provider' | 'analyst';

/** What is known about one person beyond their detections, by the keyed hash of their account. */
export interface SubjectTable {
  subject_index: string;
  /** Preferred language, a normalised BCP 47 tag (`fr`, `pt-BR`), or null. */
  language: string | null;
  language_source: LanguageSource | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export type DetectTables = {
  detect_detections: DetectionTable;
  detect_subjects: SubjectTable;
  detect_hit_events: HitEventTable;
  detect_state: DetectStateTable;
};

export type DetectDb = Kysely<Database & DetectTables> | Transaction<Database & DetectTables>;
export const detectDb = (executor: Executor): DetectDb => executor.withTables<DetectTables>();
