export interface CheckpointPolicy {
  /** ACCORD_AUDIT_CHECKPOINT_ENTRIES */
  readonly entries: number;
  /** ACCORD_AUDIT_CHECKPOINT_MINUTES */
  readonly minutes: number;
}

export interface ChainProgress {
  /** The chain's last entry (0 when empty). */
  readonly headSeq: number;
  /** The entry the latest checkpoint covers (0 when none). */
  readonly checkpointSeq: number;
  /** When the first entry after the checkpoint was written, if there is one. */
  readonly oldestUncoveredAt: Date | null;
}

/**
 * A checkpoint is due once `entries` entries are not covered by one, or the oldest entry not covered has waited
 * `minutes`: no entry stays unsigned longer than either. A chain that has not moved needs none.
 *
 * @example checkpointDue({ headSeq: 1000, checkpointSeq: 0, oldestUncoveredAt: new Date() }, new Date(), { entries: 1000, minutes: 60 }) === true
 */
export function checkpointDue(chain: ChainProgress, now: Date, policy: CheckpointPolicy): boolean {
  const uncovered = chain.headSeq - chain.checkpointSeq;
  if (uncovered <= 0) return false;
  if (uncovered >= policy.entries) return true;
  return (
    chain.oldestUncoveredAt !== null && now.getTime() - chain.oldestUncoveredAt.getTime() >= policy.minutes * 60_000
  );
}
