import type { Executor } from '../db/database.ts';
import { CHECKPOINT_FORMAT, type Checkpoint } from './checkpoint.ts';

/** Keeps a checkpoint; one already kept for the same entry (another process signed it too) is left as it is. */
export async function insertCheckpoint(db: Executor, c: Checkpoint): Promise<void> {
  await db
    .insertInto('audit_checkpoints')
    .values({ seq: c.seq, hash: c.hash, signed_at: new Date(c.signed_at), key_id: c.key_id, signature: c.signature })
    .onConflict((oc) => oc.column('seq').doNothing())
    .execute();
}

export async function latestCheckpoint(db: Executor): Promise<Checkpoint | undefined> {
  const row = await db.selectFrom('audit_checkpoints').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
  if (!row) return undefined;
  return {
    format: CHECKPOINT_FORMAT,
    seq: Number(row.seq),
    hash: row.hash,
    signed_at: new Date(row.signed_at).toISOString(),
    key_id: row.key_id,
    signature: row.signature,
  };
}

/** The chain's last entry, and when the first entry after `afterSeq` was written (the oldest one not yet covered). */
export async function chainHead(db: Executor, afterSeq: number) {
  const last = await db
    .selectFrom('audit_events')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const next = await db
    .selectFrom('audit_events')
    .select('occurred_at')
    .where('seq', '=', afterSeq + 1)
    .executeTakeFirst();
  return {
    seq: last ? Number(last.seq) : 0,
    hash: last?.hash ?? null,
    oldestUncoveredAt: next ? new Date(next.occurred_at) : null,
  };
}
