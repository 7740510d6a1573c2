import PgBoss from 'pg-boss';
import type { RawSql } from '../db/open.ts';
import type { Logger } from '../log/logger.ts';
import type { AnyJob, JobDefinition } from './job.ts';

export interface SendOptions {
  /** At most one queued job per key: sending again with the same key is a no-op. */
  singletonKey?: string;
  startAfter?: Date | number;
}

export interface QueueOptions {
  rawSql: RawSql;
  log: Logger;
  /** The schema the queue keeps its tables in (tests give each file its own). */
  schema?: string;
  /** How often idle workers look for work. */
  pollingIntervalSeconds?: number;
  /** How often expired jobs (from dead workers) are found and retried. */
  maintenanceIntervalSeconds?: number;
}

/**
 * The durable job queue: pg-boss keeping its tables in Accord's own database (PGlite or PostgreSQL), so a job
 * is committed like any other row and survives a crash of the process running it.
 */
export class JobQueue {
  readonly #boss: PgBoss;
  readonly #jobs = new Map<string, AnyJob>();
  readonly #log: Logger;
  readonly #polling: number;
  #started = false;

  constructor(options: QueueOptions) {
    this.#log = options.log;
    this.#polling = options.pollingIntervalSeconds ?? 2;
    this.#boss = new PgBoss({
      db: { executeSql: (text: string, values?: unknown[]) => options.rawSql(text, values) },
      schema: options.schema ?? 'pgboss',
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
    });
    this.#boss.on('error', (error) => this.#log.error({ err: error }, 'job queue error'));
  }

  register(...jobs: AnyJob[]): void {
    for (const job of jobs) this.#jobs.set(job.name, job);
  }

  /** Creates the queue tables and queues; `work` also starts the workers of every registered job. */
  async start({ work }: { work: boolean }): Promise<void> {
    await this.#boss.start();
    for (const job of this.#jobs.values()) {
      const options = {
        name: job.name,
        policy: job.policy ?? 'standard',
        retryLimit: job.retryLimit,
        retryDelay: job.retryDelaySeconds,
        retryBackoff: job.retryBackoff,
        expireInSeconds: job.expireInSeconds,
      };
      await retryOnSetupConflict(() => this.#boss.createQueue(job.name, options));
      // Queue options apply to new jobs; keep existing queues in step with the code.
      await retryOnSetupConflict(() => this.#boss.updateQueue(job.name, options));
      if (work) await this.#work(job);
    }
    this.#started = true;
  }

  get started(): boolean {
    return this.#started;
  }

  async send<T extends object>(job: JobDefinition<T>, data: T, options: SendOptions = {}): Promise<string | null> {
    if (!this.#jobs.has(job.name)) throw new Error(`job ${job.name} is not registered`);
    return this.#boss.send(job.name, data, {
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.startAfter ? { startAfter: options.startAfter as Date } : {}),
    });
  }

  /** Looks a job up by id: its state is one of created, retry, active, completed, cancelled, failed. */
  async getJob(name: string, id: string) {
    return this.#boss.getJobById(name, id, { includeArchive: true });
  }

  /** Stops taking work and waits (up to `timeoutSeconds`) for running handlers to finish. */
  async stop(timeoutSeconds = 30): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    await this.#boss.stop({ graceful: true, close: false, timeout: timeoutSeconds * 1000 });
  }

  async #work(job: AnyJob): Promise<void> {
    const concurrency = job.concurrency ?? 1;
    for (let i = 0; i < concurrency; i++) {
      await this.#boss.work(job.name, { pollingIntervalSeconds: this.#polling, batchSize: 1 }, async (batch) => {
        for (const item of batch) {
          const log = this.#log.child({ job: job.name, jobId: item.id });
          const retryCount = (item as { retryCount?: number }).retryCount ?? 0;
          try {
            await job.handler(item.data, { jobId: item.id, retryCount, log });
          } catch (error) {
            // Logged here; rethrown so the queue's retry policy applies.
            log.warn({ err: error }, 'job failed');
            throw error;
          }
        }
      });
    }
  }
}

/** deadlock_detected, unique_violation, duplicate_table: another process set up the same queue at that moment. */
const SETUP_CONFLICTS = new Set(['40P01', '23505', '42P07']);

/**
 * Creating a queue is one statement (a row and a partition table), so it can be run again. Processes starting
 * together on a new database (replicas, a CLI command beside the server) create the same queues at once, and
 * PostgreSQL resolves the clash by failing one of them: that one waits a moment and tries again.
 */
async function retryOnSetupConflict<T>(step: () => Promise<T>, attempts = 10): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= attempts || typeof code !== 'string' || !SETUP_CONFLICTS.has(code)) throw error;
      await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 50));
    }
  }
}
