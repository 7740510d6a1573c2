import type { Selectable } from 'kysely';
import type { CaseRow } from './store/cases-store.ts';
import type { CaseDetectionTable } from './store/tables.ts';

export interface CaseView {
  id: string;
  /** A stable pseudonym of the person (the start of their keyed hash): groups cases without saying who. */
  subject_ref: string;
  actor: string;
  state: string;
  state_reason: string | null;
  assignee_id: string | null;
  first_seen: string;
  last_seen: string;
  confidence: number;
  country: string | null;
  sector: string | null;
}

export const presentCase = (row: CaseRow): CaseView => ({
  id: row.id,
  subject_ref: row.subject_index.slice(0, 16),
  actor: row.actor,
  state: row.state,
  state_reason: row.state_reason,
  assignee_id: row.assignee_id,
  first_seen: new Date(row.first_seen).toISOString(),
  last_seen: new Date(row.last_seen).toISOString(),
  confidence: row.confidence,
  country: row.country,
  sector: row.sector,
});

export const presentTimelineEntry = (row: Selectable<CaseDetectionTable>) => ({
  detection_id: row.detection_id,
  indicator_id: row.indicator_id,
  matched_value: row.matched_value,
  first_seen: new Date(row.first_seen).toISOString(),
  last_seen: new Date(row.last_seen).toISOString(),
  count: row.event_count,
  confidence: row.confidence,
  retroactive: row.retroactive,
});
