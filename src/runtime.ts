import { loadAuditSigningKey } from './core/audit/signing-key.ts';
import type { Config } from './core/config/index.ts';
import type { CoreContext } from './core/context.ts';
import { Keyring } from './core/crypto/keyring.ts';
import { loadMasterKey } from './core/crypto/master-key.ts';
import { migrateToLatest } from './core/db/migrate.ts';
import { openDatabase, type OpenDatabase } from './core/db/open.ts';
import type { AnyJob } from './core/jobs/job.ts';
import { jobSchemaFor } from './core/jobs/job-schema.ts';
import { JobQueue } from './core/jobs/queue.ts';
import type { BackgroundTask } from './core/module.ts';
import { createLogger, type Logger } from './core/log/logger.ts';
import { migrations, modules } from './modules.ts';

export interface Runtime {
  readonly ctx: CoreContext;
  readonly database: OpenDatabase;
  /** Names of migrations applied while opening. */
  readonly applied: readonly string[];
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Run the job workers in this process (the server does; CLI commands only enqueue). */
  work: boolean;
  log?: Logger;
  /** Tests: an already open database, and a schema for the job queue (default: see jobSchemaFor). */
  database?: OpenDatabase;
  jobSchema?: string;
  jobPollingSeconds?: number;
  jobMaintenanceSeconds?: number;
  /** Tests: jobs beyond the modules' own. */
  extraJobs?: (ctx: CoreContext) => readonly AnyJob[];
}

/**
 * Opens everything a process needs, in order: database, migrations, keyring, job queue. Used by the server,
 * every CLI command and the tests, so they all run the same wiring.
 */
export async function openRuntime(config: Config, options: RuntimeOptions): Promise<Runtime> {
  const log = options.log ?? createLogger(config);
  const masterKey = loadMasterKey(config);
  const auditKey = loadAuditSigningKey(config);
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.databasePoolSize,
    }));
  try {
    const applied = await migrateToLatest(database.db, migrations);
    const keyring = new Keyring(database.db, masterKey.key);
    await keyring.load();
    const jobs = new JobQueue({
      rawSql: database.rawSql,
      log,
      schema: options.jobSchema ?? (await jobSchemaFor(database.db)),
      ...(options.jobPollingSeconds ? { pollingIntervalSeconds: options.jobPollingSeconds } : {}),
      ...(options.jobMaintenanceSeconds ? { maintenanceIntervalSeconds: options.jobMaintenanceSeconds } : {}),
    });
    const ctx: CoreContext = {
      config,
      db: database.db,
      dbKind: database.kind,
      bulk: database.bulk,
      keyring,
      auditKey,
      jobs,
      log,
    };
    for (const module of modules) await module.onOpen?.(ctx);
    for (const module of modules) jobs.register(...(module.jobs?.(ctx) ?? []));
    jobs.register(...(options.extraJobs?.(ctx) ?? []));
    await jobs.start({ work: options.work && config.jobsEnabled });
    const tasks = options.work ? modules.flatMap((m) => m.background?.(ctx) ?? []) : [];
    const started: BackgroundTask[] = [];
    try {
      for (const task of tasks) {
        await task.start();
        started.push(task);
      }
    } catch (error) {
      for (const task of started.reverse()) await task.stop().catch(() => {});
      await jobs.stop(config.shutdownTimeoutSeconds);
      throw error;
    }
    return {
      ctx,
      database,
      applied,
      async close() {
        for (const task of [...started].reverse()) {
          await task
            .stop()
            .catch((error: unknown) => log.warn({ err: error, task: task.name }, 'task did not stop cleanly'));
        }
        await jobs.stop(config.shutdownTimeoutSeconds);
        if (!options.database) await database.close();
      },
    };
  } catch (error) {
    if (!options.database) await database.close().catch(() => {});
    throw error;
  }
}
