import type { StixObject } from '../stix/index.ts';

/** A record of the source that gave no object, and why. */
export interface RejectedRecord {
  /** Where it is: `line 12`, `attribute <uuid>`, `index entry 3 (name)`, or `source` for the whole input. */
  record: string;
  value?: string;
  reason: string;
}

/** What an importer makes of one source: STIX objects for the store to validate and insert, and what it refused. */
export interface ImportResult {
  objects: StixObject[];
  rejected: RejectedRecord[];
  /** Things the analyst should know that are not refusals: values re-typed or trimmed, attributes skipped. */
  notes: string[];
  /** Records read from the source (data rows, MISP attributes), whatever became of them. */
  records: number;
}

export const emptyResult = (): ImportResult => ({ objects: [], rejected: [], notes: [], records: 0 });
