import { isUtf8 } from 'node:buffer';
import { buffer } from 'node:stream/consumers';
import { findHostileInput } from '../../core/io/hostile-input.ts';
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
    case 'csv': {
      const { text, badLines } = await readLines(stream);
      const reader = readIndicatorList(text);
      reader.rejected.unshift(...badLines.map((n) => ({ record: `line ${n}`, reason: 'not valid UTF-8' })));
      return reader;
    }
    case 'misp': {
      const bytes = await readBytes(stream);
      if (!isUtf8(bytes)) return refusedSource('the document is not valid UTF-8');
      const body = bytes.toString('utf8');
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
      // The event is walked recursively: its depth, NUL and lone surrogates are checked first, without recursion.
      const hostile = findHostileInput(document, '');
      if (hostile) return refusedSource(`${hostile.location || 'the document'} ${hostile.message}`);
      return readMispDocument(document);
    }
    case 'mvt-index':
      return mvtIndexReader(ctx, await readText(stream), name);
  }
}

const refusedSource = (reason: string): SourceReader => ({
  objects: [],
  rejected: [{ record: 'source', reason }],
  notes: [],
});

async function readBytes(stream: Readable): Promise<Buffer> {
  const body = await buffer(stream);
  if (body.length > MAX_DOCUMENT_BYTES) throw new Error('the document is larger than 256 MiB');
  return body;
}

async function readText(stream: Readable): Promise<string> {
  return (await readBytes(stream)).toString('utf8');
}

/** A list's text, each line decoded strictly: a line that is not UTF-8 is left empty and reported by number. */
async function readLines(stream: Readable): Promise<{ text: string; badLines: number[] }> {
  const bytes = await readBytes(stream);
  if (isUtf8(bytes)) return { text: bytes.toString('utf8'), badLines: [] };
  const badLines: number[] = [];
  const lines: string[] = [];
  let start = 0;
  for (let n = 1; start <= bytes.length; n++) {
    const end = bytes.indexOf(0x0a, start);
    const line = bytes.subarray(start, end === -1 ? bytes.length : end);
    if (isUtf8(line)) lines.push(line.toString('utf8'));
    else {
      badLines.push(n);
      lines.push('');
    }
    if (end === -1) break;
    start = end + 1;
  }
  return { text: lines.join('\n'), badLines };
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
        const source = await openUrl(ctx.config, entry.url, undefined, 'discovered');
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
