import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Config } from '../config/index.ts';
import type { CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { checkpointSignatureProblem, signCheckpoint, type Checkpoint } from './checkpoint.ts';
import { checkpointDue } from './checkpoint-policy.ts';
import { chainHead, insertCheckpoint, latestCheckpoint } from './checkpoint-store.ts';
import { verifyAuditChain } from './verify.ts';

export const checkpointFilePath = (config: Pick<Config, 'auditCheckpointFile' | 'dataDir'>) =>
  config.auditCheckpointFile ?? join(config.dataDir, 'audit-checkpoints.jsonl');

export interface CheckpointResult {
  /** The checkpoint covering the chain's head (undefined for an empty chain). */
  checkpoint: Checkpoint | undefined;
  /** False when the latest checkpoint already covered the head. */
  written: boolean;
}

/**
 * Signs the chain's head, appends the checkpoint to ACCORD_AUDIT_CHECKPOINT_FILE and keeps it in the database for
 * the public endpoint. The entries since the last checkpoint this key signed are verified first (all of them when
 * there is none): a broken chain is refused, never signed.
 */
export async function writeCheckpoint(ctx: CoreContext): Promise<CheckpointResult> {
  const last = await latestCheckpoint(ctx.db);
  const problem = last && checkpointSignatureProblem(last, ctx.auditKey.publicKey);
  if (last && problem && last.key_id === ctx.auditKey.keyId) {
    ctx.log.error({ seq: last.seq }, `the latest stored audit checkpoint is forged: ${problem}`);
  }
  const trusted = last && !problem ? last : undefined;
  const status = await verifyAuditChain(ctx.db, trusted ? { from: { seq: trusted.seq, hash: trusted.hash } } : {});
  if (!status.ok) {
    const { seq, reason } = status.firstBreak!;
    throw new AppError('audit_chain_broken', 409, 'Audit chain broken', `not signed: entry ${seq}: ${reason}`);
  }
  if (status.lastSeq === 0 || (last && last.seq >= status.lastSeq)) return { checkpoint: last, written: false };
  const checkpoint = signCheckpoint(ctx.auditKey, { seq: status.lastSeq, hash: status.lastHash });
  // The file first: a checkpoint kept only by the database would be the one copy its administrator can rewrite.
  const file = checkpointFilePath(ctx.config);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  appendFileSync(file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o644 });
  await insertCheckpoint(ctx.db, checkpoint);
  return { checkpoint, written: true };
}

/** Whether the policy (N entries or M minutes) asks for a checkpoint now. */
export async function isCheckpointDue(ctx: CoreContext, now = new Date()): Promise<boolean> {
  const last = await latestCheckpoint(ctx.db);
  const head = await chainHead(ctx.db, last?.seq ?? 0);
  return checkpointDue(
    { headSeq: head.seq, checkpointSeq: last?.seq ?? 0, oldestUncoveredAt: head.oldestUncoveredAt },
    now,
    { entries: ctx.config.auditCheckpointEntries, minutes: ctx.config.auditCheckpointMinutes },
  );
}

export { latestCheckpoint };
