import type { Logger } from '../log/logger.ts';

export interface JobContext {
  readonly jobId: string;
  /** 0 on the first run; the queue retries a failed or abandoned job until `retryLimit`. */
  readonly retryCount: number;
  readonly log: Logger;
}

/**
 * A small typed unit of background work with its retry policy beside it. Handlers throw to fail: the queue
 * then retries with back-off, and a job whose process died is picked up again once it expires.
 */
export interface JobDefinition<T extends object> {
  readonly name: string;
  readonly retryLimit: number;
  readonly retryDelaySeconds: number;
  readonly retryBackoff: boolean;
  /** How long one run may take before the queue considers its worker dead and runs it again. */
  readonly expireInSeconds: number;
  /**
   * pg-boss's queue policy. `singletonKey` only deduplicates under `stately` (at most one job per key queued, one
   * in retry and one running) or `short` (one queued); the default, `standard`, ignores it.
   */
  readonly policy?: 'standard' | 'short' | 'singleton' | 'stately';
  /** How many of these run at once in one process. */
  readonly concurrency?: number;
  readonly handler: (data: T, ctx: JobContext) => Promise<void>;
}

export function defineJob<T extends object>(definition: JobDefinition<T>): JobDefinition<T> {
  if (!/^[a-z][a-z0-9_.-]*$/.test(definition.name)) throw new Error(`invalid job name ${definition.name}`);
  return Object.freeze(definition);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry holds jobs of every payload type
export type AnyJob = JobDefinition<any>;
