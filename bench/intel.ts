// npm run bench:intel [-- --count <n>]: imports a generated bundle of indicators through the same path as
// `accord intel import <file>` and prints indicators per second on PGlite and, with DATABASE_URL, PostgreSQL.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../src/core/config/index.ts';
import { systemActor } from '../src/core/audit/index.ts';
import { openDatabase } from '../src/core/db/open.ts';
import { createLogger } from '../src/core/log/logger.ts';
import { importFrom } from '../src/intel/local-import.ts';
import { openRuntime } from '../src/runtime.ts';
import { writeIndicatorBundle } from './generate-bundle.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '1000000' } } });
const count = Number(values.count);
const work = mkdtempSync(join(tmpdir(), 'accord-bench-'));
const bundle = join(work, 'bundle.json');
const log = (line: string) => process.stderr.write(`${line}\n`);

async function run(engine: 'pglite' | 'postgres'): Promise<number> {
  const masterKey = randomBytes(32).toString('base64');
  const dataDir = mkdtempSync(join(work, `${engine}-`));
  const config = loadConfig({
    ACCORD_DATA_DIR: dataDir,
    ACCORD_MASTER_KEY: masterKey,
    ACCORD_LOG_LEVEL: 'warn',
    ACCORD_JOBS: 'false',
    ...(process.env.ACCORD_INTEL_IMPORT_THREADS
      ? { ACCORD_INTEL_IMPORT_THREADS: process.env.ACCORD_INTEL_IMPORT_THREADS }
      : {}),
  });
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const url = process.env.DATABASE_URL;
  let database;
  if (engine === 'postgres') {
    const admin = await openDatabase({ databaseUrl: url!, dataDir });
    await sql`create schema ${sql.id(schema)}`.execute(admin.db);
    await admin.close();
    database = await openDatabase({ databaseUrl: url!, dataDir, searchPath: schema });
  } else database = await openDatabase({ dataDir });
  const runtime = await openRuntime(config, {
    work: false,
    database,
    jobSchema: `${schema}_jobs`,
    log: createLogger(config),
  });
  try {
    const started = performance.now();
    const cpu0 = mainThreadCpuMs();
    const server0 = postgresCpuMs();
    const all0 = process.cpuUsage();
    let lastPrint = 0;
    const report = await importFrom(runtime.ctx, systemActor('bench'), {
      source: bundle,
      onProgress: (p) => {
        if (performance.now() - lastPrint < 5000) return;
        lastPrint = performance.now();
        const rate = Math.round(p.received / ((lastPrint - started) / 1000));
        log(
          `  ${engine}: ${p.received.toLocaleString()} read, ${p.inserted.toLocaleString()} stored (${rate.toLocaleString()}/s)`,
        );
      },
    });
    const seconds = (performance.now() - started) / 1000;
    // Where the CPU went, per indicator: the storing thread (on PGlite it runs the database too), every thread of
    // this process, and the PostgreSQL server's processes when they run on this machine.
    const perRow = (ms: number) => `${((ms * 1000) / count).toFixed(1)} µs`;
    const all = process.cpuUsage(all0);
    const cpu = mainThreadCpuMs();
    const server = postgresCpuMs();
    log(
      `  CPU per indicator: ${cpu !== undefined && cpu0 !== undefined ? `main thread ${perRow(cpu - cpu0)}, ` : ''}` +
        `all threads ${perRow((all.user + all.system) / 1000)}` +
        (engine === 'postgres' && server !== undefined && server0 !== undefined
          ? `, PostgreSQL server ${perRow(server - server0)}`
          : ''),
    );
    if (report.inserted !== count || report.rejectedCount !== 0) {
      throw new Error(`expected ${count} new indicators, got ${report.inserted} (${report.rejectedCount} refused)`);
    }
    const perSecond = Math.round(count / seconds);
    log(
      `${engine}: ${count.toLocaleString()} indicators in ${seconds.toFixed(1)} s = ${perSecond.toLocaleString()} indicators/s`,
    );
    return perSecond;
  } finally {
    await runtime.close();
    if (engine === 'postgres') {
      const admin = await openDatabase({ databaseUrl: url!, dataDir });
      await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db);
      await sql`drop schema if exists ${sql.id(`${schema}_jobs`)} cascade`.execute(admin.db);
      await admin.close();
    }
    await database.close().catch(() => {});
    // Gone before the next engine runs: its files would otherwise still be written back to the disk meanwhile.
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** CPU time of this (the main) thread, from Linux's per-thread accounting: what the storing thread spends. */
function mainThreadCpuMs(): number | undefined {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** CPU time of every local process named postgres (the server, when it runs here), or undefined. */
function postgresCpuMs(): number | undefined {
  try {
    let total = 0;
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (!stat.includes('(postgres)')) continue;
        const fields = stat.split(') ')[1]!.split(' ');
        total += ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
      } catch {
        // The process ended meanwhile.
      }
    }
    return total;
  } catch {
    return undefined;
  }
}

try {
  log(`generating a bundle of ${count.toLocaleString()} indicators…`);
  await writeIndicatorBundle(bundle, count);
  log(`  ${(statSync(bundle).size / 1e6).toFixed(0)} MB`);
  const pglite = await run('pglite');
  const postgres = process.env.DATABASE_URL ? await run('postgres') : 'skipped';
  log('targets: 20,000/s on PGlite, 50,000/s on PostgreSQL');
  console.log(`bench:intel result: pglite_per_s=${pglite} postgres_per_s=${postgres}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
