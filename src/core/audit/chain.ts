import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit entry that its hash covers (all of them but the hash itself). */
export interface ChainedFields {
  seq: number;
  occurred_at: Date;
  actor_type: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  object_type: string | null;
  object_id: string | null;
  ip: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
}

/** SHA-256 over the canonical JSON of the entry, which includes the previous entry's hash. */
export function hashEntry(e: ChainedFields): string {
  const body = canonicalJson([
    e.seq,
    e.occurred_at.toISOString(),
    e.actor_type,
    e.actor_id,
    e.actor_label,
    e.action,
    e.object_type,
    e.object_id,
    e.ip,
    e.request_id,
    e.details,
    e.prev_hash,
  ]);
  return createHash('sha256').update(body).digest('hex');
}
