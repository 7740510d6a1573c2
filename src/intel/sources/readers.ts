import { text } from 'node:stream/consumers';
import type { Readable } from 'node:stream';
import type { CoreContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { readIndicatorList, readMispDocument, readMvtIndex } from '../importers/index.ts';
import type { ImportFormat } from './detect-format.ts';
import { openUrl } from '../../core/io/open-url.ts';
import { streamBundleElements } from './stix-stream.ts';

/**
 * What a format's reader hands to the ingest: objects to validate and store, and records it refused itself.
 * `rejected` and `notes` may grow while `objects` is being read (the MVT index fetches file after file).
 */
export interface SourceReader {
  objects: AsyncIterable<unknown> | Iterable<unknown>;
  rejected: { record: string; value?: string; reason: string }[];
  notes: string[];
}

// Lists and MISP events are small documents: read whole. STIX bundles can be huge: streamed.
const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

export async function readerFor(
  ctx: CoreContext,
  format: ImportFormat,
  stream: Readable,
  name: string,
): Promise<SourceReader> {
  switch (format) {
    case 'stix':
      return { objects: streamBundleElements(stream), rejected: [], notes: [] };
    case 'csv':
      return readIndicatorList(await readText(stream));
    case 'misp': {
      const body = await readText(stream);
      let document: unknown;
      try {
        document = JSON.parse(body);
      } catch (error) {
        return {
          objects: [],
          rejected: [{ record: 'source', reason: `not JSON: ${(error as Error).message}` }],
          notes: [],
        };
      }
      return readMispDocument(document);
    }
    case 'mvt-index':
      return mvtIndexReader(ctx, await readText(stream), name);
  }
}

async function readText(stream: Readable): Promise<string> {
  const body = await text(stream);
  if (body.length > MAX_DOCUMENT_BYTES) throw new Error('the document is larger than 256 MiB');
  return body;
}

/**
 * Fetches every STIX file the MVT index lists and streams their objects; a file that fails is one refused record.
 * Entries are fetched by http(s) URL through openUrl whatever opened the index (the CLI included): a document never
 * makes Accord read its own disk.
 */
function mvtIndexReader(ctx: CoreContext, body: string, name: string): SourceReader {
  const index = readMvtIndex(body, ctx.config.githubRawUrl);
  const reader: SourceReader = { objects: [], rejected: [...index.rejected], notes: [] };
  reader.notes.push(`${name}: ${index.entries.length} indicator files listed`);
  reader.objects = (async function* () {
    for (const entry of index.entries) {
      const record = `index entry ${entry.position} (${entry.name})`;
      try {
        const source = await openUrl(ctx.config, entry.url);
        let count = 0;
        for await (const group of streamBundleElements(source.stream)) {
          count += group.length;
          yield group;
        }
        reader.notes.push(`${record}: ${count} objects from ${entry.url}`);
      } catch (error) {
        // Outbound errors name the URL already; a failure while reading the file does not.
        const message = (error as Error).message.split('\n')[0]!;
        reader.rejected.push({ record, reason: error instanceof AppError ? message : `${entry.url}: ${message}` });
      }
    }
  })();
  return reader;
}
