import type { Readable } from 'node:stream';
import type { Actor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import { openSource } from '../core/io/open-source.ts';
import { importOpened, type ImportReport, type ImportRequest } from './service.ts';

/**
 * `accord intel import`: imports what the operator named, a file path on this machine, an http(s) URL, or `-` for
 * standard input. It reads the server's disk, so only the CLI may call it (an ESLint rule keeps routes and jobs to
 * importFromUrl). What a fetched document names (an MVT index's files) is fetched by URL whatever opened the index.
 */
export async function importFrom(
  ctx: CoreContext,
  actor: Actor,
  request: ImportRequest & { source: string; stdin?: Readable },
): Promise<ImportReport> {
  const { source, stdin, ...rest } = request;
  return importOpened(ctx, actor, await openSource(ctx.config, source, stdin, request.signal), rest);
}
