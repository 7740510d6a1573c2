import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Config } from '../../core/config/index.ts';

const gzipAsync = promisify(gzip);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Telemetry kept for retro-hunting: one gzip NDJSON file per received batch, in a directory per UTC day under
 * ACCORD_TELEMETRY_DIR, deleted after ACCORD_TELEMETRY_RETENTION_DAYS. Disabled when the directory is not set.
 * Telemetry concerns people: the directory must be on encrypted storage with access limited to the service.
 */
export async function keepTelemetry(config: Config, body: Uint8Array, at = new Date()): Promise<string | null> {
  if (!config.telemetryDir) return null;
  const day = at.toISOString().slice(0, 10);
  const dir = join(config.telemetryDir, day);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `${at.getTime()}-${randomUUID()}.ndjson.gz`);
  await writeFile(path, await gzipAsync(body), { mode: 0o600 });
  return path;
}

/** The kept files within the retention window, oldest day first. */
export async function keptTelemetryFiles(config: Config, now = new Date()): Promise<string[]> {
  if (!config.telemetryDir) return [];
  const oldest = new Date(now.getTime() - config.telemetryRetentionDays * 86_400_000).toISOString().slice(0, 10);
  const days = (await readdir(config.telemetryDir).catch(() => [] as string[]))
    .filter((d) => DAY.test(d) && d >= oldest)
    .sort();
  const files: string[] = [];
  for (const day of days) {
    for (const file of (await readdir(join(config.telemetryDir, day))).sort())
      files.push(join(config.telemetryDir, day, file));
  }
  return files;
}

/** Deletes the days that fell out of the retention window; returns how many. */
export async function pruneTelemetry(config: Config, now = new Date()): Promise<number> {
  if (!config.telemetryDir) return 0;
  const oldest = new Date(now.getTime() - config.telemetryRetentionDays * 86_400_000).toISOString().slice(0, 10);
  const expired = (await readdir(config.telemetryDir).catch(() => [] as string[])).filter(
    (d) => DAY.test(d) && d < oldest,
  );
  for (const day of expired) await rm(join(config.telemetryDir, day), { recursive: true, force: true });
  return expired.length;
}
