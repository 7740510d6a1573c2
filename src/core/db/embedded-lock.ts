import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.ts';

/**
 * The embedded database can be open in one process only: a second opener would corrupt it. A pid file in
 * the data directory says who holds it; a file left by a process that no longer runs (kill -9) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, 'accord.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (holder && holder !== process.pid && isRunning(holder)) {
        throw new AppError(
          'database_in_use',
          409,
          'Database in use',
          `the embedded database in ${dataDir} is in use by process ${holder}; stop it first, or use DATABASE_URL`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new AppError('database_in_use', 409, 'Database in use', `cannot lock ${dataDir}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
