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

const PAGE = 5_000;

/**
 * Walks the whole chain in order and reports the first entry that does not hold: an edited entry no longer
 * hashes to its stored hash, a removed one leaves a gap in `seq` and a `prev_hash` that points nowhere.
 */
export async function verifyAuditChain(db: Executor, onProgress?: (checked: number) => void): Promise<ChainStatus> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
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
      const fail = (reason: string): ChainStatus => ({
        ok: false,
        entries: checked,
        lastSeq: expectedSeq - 1,
        lastHash: prevHash,
        firstBreak: { seq, reason },
      });
      if (seq !== expectedSeq) return fail(`entry ${expectedSeq} is missing (next entry is ${seq})`);
      if (row.prev_hash !== prevHash) return fail('prev_hash does not match the previous entry');
      const recomputed = hashEntry({ ...row, seq, details: details as Record<string, unknown> });
      if (recomputed !== row.hash) return fail('content does not match its hash (the entry was altered)');
      prevHash = row.hash;
      expectedSeq++;
      checked++;
    }
    onProgress?.(checked);
    if (rows.length < PAGE) return { ok: true, entries: checked, lastSeq: expectedSeq - 1, lastHash: prevHash };
  }
}
