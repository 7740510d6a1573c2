import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readdirSync, rmSync, writeSync, writevSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';

const PREFIX = 'accord-copy-';

/**
 * COPY input for the embedded database. PGlite offers /dev/blob, but copies it into the database a byte at a
 * time (about 5 µs for a 650-byte row, on the thread that also runs the database); a file in the data directory
 * is read by the database's own file I/O instead, several times faster. The file route is used when the data
 * directory is known here and the database is seen to read what is written to it; otherwise the blob.
 */
export class PgliteCopyIn {
  #route: Promise<string | undefined> | undefined;

  /** `hostDataDir`: where this process sees the database's data directory (undefined: in memory, unknown). */
  constructor(private readonly hostDataDir: string | undefined) {}

  async run(pglite: PGlite, statement: string, data: string | readonly Uint8Array[]): Promise<void> {
    const serverDir = await (this.#route ??= this.#findRoute(pglite));
    if (serverDir === undefined || this.hostDataDir === undefined) {
      await pglite.query(statement.replace(/\bfrom\s+stdin\b/i, "from '/dev/blob'"), [], {
        blob: new Blob(typeof data === 'string' ? [data] : [...data]),
      });
      return;
    }
    const name = `${PREFIX}${randomUUID()}.tmp`;
    const hostPath = join(this.hostDataDir, name);
    writeFile(hostPath, data);
    try {
      await pglite.query(statement.replace(/\bfrom\s+stdin\b/i, `from ${quote(`${serverDir}/${name}`)}`));
    } finally {
      rmSync(hostPath, { force: true });
    }
  }

  /** The data directory as the database names it, if a file written to ours shows up there. */
  async #findRoute(pglite: PGlite): Promise<string | undefined> {
    const host = this.hostDataDir;
    if (host === undefined) return undefined;
    try {
      // Files left by a process that stopped mid-COPY.
      for (const f of readdirSync(host)) if (f.startsWith(PREFIX)) rmSync(join(host, f), { force: true });
      const { rows } = await pglite.query<{ dir: string }>(`select current_setting('data_directory') as dir`);
      const serverDir = rows[0]!.dir;
      const name = `${PREFIX}probe-${randomUUID()}.tmp`;
      writeFile(join(host, name), 'probe');
      try {
        const seen = await pglite.query<{ size: number | null }>(`select (pg_stat_file($1, true)).size as size`, [
          `${serverDir}/${name}`,
        ]);
        return seen.rows[0]?.size === 5 ? serverDir : undefined;
      } finally {
        rmSync(join(host, name), { force: true });
      }
    } catch {
      return undefined;
    }
  }
}

function writeFile(path: string, data: string | readonly Uint8Array[]) {
  const fd = openSync(path, 'w', 0o600);
  try {
    if (typeof data === 'string') writeSync(fd, data);
    else {
      // writev takes a bounded number of buffers at a time.
      for (let i = 0; i < data.length; i += 512) writevSync(fd, data.slice(i, i + 512));
    }
  } finally {
    closeSync(fd);
  }
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
