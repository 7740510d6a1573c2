import type { Executor } from '../db/database.ts';
import { GENESIS_HASH, hashEntry } from './chain.ts';

export interface ChainBreak {
  seq: number;
  reason: string;
}

export interface ChainStatus {
  ok: boolean;
  entries: number;
  lastSeq: number;
  lastHash: string;
  firstBreak?: ChainBreak;
}

export interface VerifyOptions {
  onProgress?: (checked: number) => void;
  /** Start after this entry, trusted (the last signed checkpoint): only what came after it is walked. */
  from?: { seq: number; hash: string };
  /** Entries whose hash is known from signed checkpoints: a different hash, or a chain ending before one, is a break. */
  pinned?: ReadonlyMap<number, string>;
}

const PAGE = 5_000;

/**
 * Walks the chain in order and reports the first entry that does not hold: an edited entry no longer hashes to
 * its stored hash, a removed one leaves a gap in `seq` and a `prev_hash` that points nowhere. On its own the chain
 * cannot show that its last entries were removed, or that an entry was rewritten with every later hash recomputed;
 * `pinned` hashes from signed checkpoints show both.
 */
export async function verifyAuditChain(db: Executor, options: VerifyOptions = {}): Promise<ChainStatus> {
  const { from, pinned = new Map<number, string>() } = options;
  let expectedSeq = (from?.seq ?? 0) + 1;
  let prevHash = from?.hash ?? GENESIS_HASH;
  let checked = 0;
  const status = (firstBreak?: ChainBreak): ChainStatus => ({
    ok: !firstBreak,
    entries: checked,
    lastSeq: expectedSeq - 1,
    lastHash: prevHash,
    ...(firstBreak ? { firstBreak } : {}),
  });
  if (from) {
    const start = await db.selectFrom('audit_events').select('hash').where('seq', '=', from.seq).executeTakeFirst();
    if (!start)
      return status({ seq: from.seq, reason: `entry ${from.seq}, covered by a signed checkpoint, is missing` });
    if (start.hash !== from.hash) return status({ seq: from.seq, reason: REWRITTEN });
  }
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      const details = typeof row.details === 'string' ? JSON.parse(row.details) : row.details;
      const fail = (reason: string) => status({ seq, reason });
      if (seq !== expectedSeq) return fail(`entry ${expectedSeq} is missing (next entry is ${seq})`);
      if (row.prev_hash !== prevHash) return fail('prev_hash does not match the previous entry');
      const recomputed = hashEntry({ ...row, seq, details: details as Record<string, unknown> });
      if (recomputed !== row.hash) return fail('content does not match its hash (the entry was altered)');
      const signed = pinned.get(seq);
      if (signed !== undefined && signed !== row.hash) return fail(REWRITTEN);
      prevHash = row.hash;
      expectedSeq++;
      checked++;
    }
    options.onProgress?.(checked);
    if (rows.length < PAGE) break;
  }
  let beyond = 0;
  for (const seq of pinned.keys()) beyond = Math.max(beyond, seq);
  if (beyond > expectedSeq - 1) return status({ seq: expectedSeq, reason: cut(expectedSeq - 1, beyond) });
  return status();
}

const REWRITTEN =
  'its hash differs from the signed checkpoint (this entry or an earlier one was rewritten and the hashes recomputed)';

const cut = (last: number, signed: number) =>
  `the chain ends at entry ${last} but a signed checkpoint covers entry ${signed}: entries were removed from its end`;
