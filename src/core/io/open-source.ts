import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Config } from '../config/index.ts';
import { AppError } from '../errors.ts';
import { openUrl } from './open-url.ts';
import { openedSource, type OpenedSource } from './source-stream.ts';

export type { OpenedSource } from './source-stream.ts';

const isUrl = (spec: string) => /^https?:\/\//i.test(spec);

/**
 * Opens what an operator named on the command line: a file path, an http(s) URL, or `-` for standard input. gzip is
 * undone transparently. Reads the server's disk, so only the CLI (and Accord's own telemetry files) may use it: an
 * ESLint rule keeps it out of routes and of anything a fetched document names, which use openUrl.
 */
export async function openSource(
  config: Config,
  spec: string,
  stdin: Readable = process.stdin,
  signal?: AbortSignal,
): Promise<OpenedSource> {
  if (spec === '-') return openedSource('stdin', stdin, undefined, signal);
  if (isUrl(spec)) return openUrl(config, spec, signal);
  let size: number;
  try {
    const stat = statSync(spec);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch {
    throw new AppError('source_unavailable', 400, 'Source unavailable', `cannot read ${spec}: no such file`);
  }
  // Big reads: a bundle of hundreds of megabytes passes through several stream stages a chunk at a time.
  return openedSource(spec, createReadStream(spec, { highWaterMark: 1024 * 1024 }), size, signal);
}
