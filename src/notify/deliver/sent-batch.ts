import type { CoreContext } from '../../core/context.ts';
import type { DeliveryRow } from '../store/notify-store.ts';
import { settleOutcomes } from './settle.ts';

const MAX_BATCH = 200;

/**
 * Records successful attempts together: while one batch is being recorded, the successes that arrive meanwhile
 * wait and go in the next, in one transaction (one turn at the audit chain's lock for all of them). An idle worker's
 * success is recorded at once, alone, so no success waits for company. The promise settles once its batch has
 * committed; a batch that cannot be recorded rejects all of its attempts, whose leases then run out and which are
 * tried again, as a single attempt would be.
 */
export function sentBatch(ctx: CoreContext): (claimed: DeliveryRow) => Promise<void> {
  const waiting: { row: DeliveryRow; resolve: () => void; reject: (e: unknown) => void }[] = [];
  let recording = false;
  const drain = async () => {
    if (recording) return;
    recording = true;
    try {
      while (waiting.length > 0) {
        const batch = waiting.splice(0, MAX_BATCH);
        try {
          await settleOutcomes(
            ctx,
            batch.map((b) => ({ attempt: b.row, status: 'sent' as const })),
          );
          for (const b of batch) b.resolve();
        } catch (error) {
          for (const b of batch) b.reject(error);
        }
      }
    } finally {
      recording = false;
    }
  };
  return (row) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ row, resolve, reject });
      void drain();
    });
}
