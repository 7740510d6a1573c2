import { recordAudit, systemActor } from '../../core/audit/index.ts';
import type { CoreContext } from '../../core/context.ts';
import type { BackgroundTask } from '../../core/module.ts';
import { claimDue, releaseExpiredLeases, releaseLeases } from '../store/delivery-store.ts';
import type { DeliveryRow } from '../store/notify-store.ts';
import { notifyDb, type Channel } from '../store/tables.ts';
import { runAttempt } from './attempt.ts';
import { closeEmailTransports } from './email.ts';
import { sentBatch } from './sent-batch.ts';
import { leaseSeconds } from './backoff.ts';

const actor = systemActor('notify');

export interface WorkerOptions {
  /** How often an idle worker looks for due deliveries. */
  pollMs?: number;
}

interface InFlight {
  readonly row: DeliveryRow & { attempt_id: string };
  readonly abort: AbortController;
  readonly done: Promise<void>;
}

/**
 * The delivery worker of one channel: the deliveries table is its queue. Each round it claims as many due rows as
 * it has free slots (ACCORD_NOTIFY_CONCURRENCY), in one statement, and runs an attempt for each; a row is due once
 * its back-off has passed, so each attempt is one claim at its time, and nothing is queued twice. Each channel has
 * its own worker and slots: a slow webhook receiver cannot hold up e-mail.
 *
 * Stopping: no more claims; attempts in flight get ACCORD_SHUTDOWN_TIMEOUT_SECONDS to finish, then are stopped and
 * their leases given back (rows queued again, due at once), all before the database closes.
 */
export function deliveryWorker(ctx: CoreContext, channel: Channel, options: WorkerOptions = {}): BackgroundTask {
  const pollMs = options.pollMs ?? 1_000;
  const slots = ctx.config.notifyConcurrency;
  const lease = leaseSeconds(ctx.config.notifySendTimeoutSeconds);
  const inFlight = new Map<string, InFlight>();
  const recordSent = sentBatch(ctx);
  let stopping = false;
  let leasesCheckedAt = 0;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => (wake = undefined));

  const start = (row: DeliveryRow) => {
    const abort = new AbortController();
    const held = row as InFlight['row'];
    const done = runAttempt(ctx, held, abort.signal, recordSent)
      .catch((error: unknown) => {
        // The attempt could not be recorded (the database went away): its lease runs out and it is tried again.
        if (!abort.signal.aborted) ctx.log.warn({ err: error, delivery: row.id }, 'delivery attempt not recorded');
      })
      .finally(() => {
        inFlight.delete(row.id);
        wake?.();
      });
    inFlight.set(row.id, { row: held, abort, done });
  };

  /** True when the round filled every free slot: there may be more due at once. */
  const round = async (): Promise<boolean> => {
    // A lease lasts at least 12 s: looking for expired ones once per poll is soon enough, and a busy worker runs a
    // round each time an attempt ends (a transaction each, which was a good part of the database's work).
    if (Date.now() - leasesCheckedAt >= pollMs) {
      leasesCheckedAt = Date.now();
      await returnExpiredLeases(ctx);
    }
    const free = slots - inFlight.size;
    if (free <= 0) return false;
    const rows = await claimDue(notifyDb(ctx.db), channel, free, lease);
    for (const row of rows) start(row);
    return rows.length === free;
  };

  const run = async () => {
    while (!stopping) {
      let more = false;
      try {
        more = await round();
      } catch (error) {
        ctx.log.warn({ err: error, channel }, 'delivery worker could not claim');
      }
      if (stopping) break;
      // A full batch: claim again at once if slots are free; else wait for an attempt to end, or the next poll.
      if (!more || inFlight.size >= slots) await pause(pollMs);
    }
  };

  return {
    name: `notify.deliver.${channel}`,
    async start() {
      loop = run();
    },
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      await letInFlightFinish();
      if (channel === 'email') closeEmailTransports();
    },
  };

  async function letInFlightFinish() {
    if (inFlight.size === 0) return;
    const graceMs = ctx.config.shutdownTimeoutSeconds * 1000;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...inFlight.values()].map((a) => a.done)),
      new Promise((r) => (timer = setTimeout(r, graceMs))),
    ]);
    clearTimeout(timer);
    const left = [...inFlight.values()];
    if (left.length === 0) return;
    // Stop the attempts first, so none records anything after its lease is given back.
    for (const a of left) a.abort.abort(new Error('the process is stopping'));
    const released = await releaseLeases(
      notifyDb(ctx.db),
      left.map((a) => a.row),
    );
    ctx.log.info({ channel, released: released.length }, 'delivery attempts stopped; their leases were given back');
    // An attempt already recording its outcome finishes that (it is quick) before the database closes.
    await Promise.allSettled(left.map((a) => a.done));
  }
}

/** Rows whose attempt outlived its lease are queued again (audited as a retry). Any worker may do it. */
async function returnExpiredLeases(ctx: CoreContext) {
  await ctx.db.transaction().execute(async (trx) => {
    for (const d of await releaseExpiredLeases(notifyDb(trx))) {
      await recordAudit(trx, actor, {
        action: 'notice.delivery_retried',
        objectType: 'notice',
        objectId: d.notice_id,
        details: { delivery: d.id, channel: d.channel, attempt: d.attempts, error: d.last_error },
      });
    }
  });
}
