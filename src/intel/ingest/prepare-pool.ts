import { Worker } from 'node:worker_threads';
import type { ElementGroup } from '../sources/stix-stream.ts';
import type { PreparedChunk } from './prepared-chunk.ts';

export interface PrepareRequest {
  job: number;
  importId: string;
  /** An ElementGroup's fields (a class does not cross threads). */
  bytes: Uint8Array;
  ends: Int32Array;
  offsets: Float64Array;
}

export interface PrepareResponse {
  job: number;
  chunk: PreparedChunk;
}

interface Job {
  resolve: (chunk: PreparedChunk) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  jobs: Map<number, Job>;
}

/**
 * Worker threads that validate and prepare a big import's records, so that the thread holding the database
 * (PGlite runs inside it) only stores. Each chunk goes to the least busy worker; its results come back whole.
 */
export class PreparePool {
  readonly #workers: PoolWorker[];
  #nextJob = 0;
  #failure: Error | undefined;

  constructor(size: number) {
    this.#workers = Array.from({ length: Math.max(1, size) }, () => this.#start());
  }

  /**
   * Prepares a group of elements, whose buffers move to the worker (the group is unusable here afterwards);
   * rejects if its worker fails, which fails every later group too.
   */
  prepare(group: ElementGroup, importId: string): Promise<PreparedChunk> {
    if (this.#failure) return Promise.reject(this.#failure);
    const target = this.#workers.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
    const job = this.#nextJob++;
    return new Promise((resolve, reject) => {
      target.jobs.set(job, { resolve, reject });
      const { bytes, ends, offsets } = group;
      const request: PrepareRequest = { job, importId, bytes, ends, offsets };
      target.worker.postMessage(request, [bytes.buffer, ends.buffer, offsets.buffer] as ArrayBuffer[]);
    });
  }

  async close(): Promise<void> {
    this.#failure ??= new Error('the prepare pool is closed');
    await Promise.all(this.#workers.map((w) => w.worker.terminate()));
  }

  #start(): PoolWorker {
    const worker = new Worker(new URL('./prepare-worker-boot.js', import.meta.url));
    const entry: PoolWorker = { worker, jobs: new Map() };
    worker.on('message', (response: PrepareResponse) => {
      const job = entry.jobs.get(response.job);
      entry.jobs.delete(response.job);
      job?.resolve(response.chunk);
    });
    const fail = (error: Error) => {
      this.#failure ??= error;
      for (const job of entry.jobs.values()) job.reject(error);
      entry.jobs.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`an import worker thread stopped (exit code ${code})`)));
    return entry;
  }
}
