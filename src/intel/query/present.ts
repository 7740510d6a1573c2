import type { Selectable } from 'kysely';
import type { IntelObjectTable } from '../store/tables.ts';

export interface ObjectSummary {
  id: string;
  type: string;
  name: string | null;
  version: string;
  revoked: boolean;
  tlp: string | null;
  valid_from: string | null;
  valid_until: string | null;
  confidence: number | null;
  added_at: string;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A stored version as the API and the CLI show it in lists. */
export function presentSummary(
  row: Selectable<IntelObjectTable> | Omit<Selectable<IntelObjectTable>, 'object'>,
): ObjectSummary {
  return {
    id: row.stix_id,
    type: row.type,
    name: row.name,
    version: row.version,
    revoked: row.revoked,
    tlp: row.tlp,
    valid_from: iso(row.valid_from),
    valid_until: iso(row.valid_until),
    confidence: row.confidence,
    added_at: iso(row.added_at)!,
  };
}
