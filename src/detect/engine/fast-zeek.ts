import { valueMightMatch } from './fast-ndjson.ts';
import type { IndicatorIndex } from './indicator-index.ts';
import type { FieldMapping } from './ndjson-reader.ts';
import type { ReadStats } from './observation.ts';
import type { ZeekTsvReader } from './zeek-tsv.ts';

const NEWLINE = 10;
const HASH = 35;
const CR = 13;

/**
 * The scanner's first pass over Zeek TSV logs, in bytes: each record's columns are walked where they lie, and only
 * the columns mapped to a key some indicator has (`query`, `host`, `server_name`, `id.resp_h`…) are looked at, the
 * way the NDJSON pass looks at fields. Records that might match, records with the wrong number of columns (to be
 * reported as malformed) and header lines go to the full reader, decoded; nothing else is ever made a string.
 */
export class ZeekFastPass {
  readonly #reader: ZeekTsvReader;
  readonly #index: IndicatorIndex;
  readonly #mapping: FieldMapping;
  #fields: readonly string[] | null = null;
  // Per column: the key to check it under, or undefined when no indicator could match it.
  #probed: (string | undefined)[] = [];
  #separator = 9;

  constructor(reader: ZeekTsvReader, index: IndicatorIndex, mapping: FieldMapping) {
    this.#reader = reader;
    this.#index = index;
    this.#mapping = mapping;
  }

  #layout(): void {
    this.#fields = this.#reader.fields;
    this.#separator = this.#reader.separator.length === 1 ? this.#reader.separator.charCodeAt(0) : -1;
    this.#probed = (this.#fields ?? []).map((field) => {
      for (const [key, fields] of Object.entries(this.#mapping.values)) {
        if (fields.includes(field) && this.#index.couldMatchUnder(key)) return key;
      }
      return undefined;
    });
  }

  /** Whether the record in `buf[a, b)` needs the full reader. */
  #isCandidate(buf: Buffer, a: number, b: number): boolean {
    const separator = this.#separator;
    const probed = this.#probed;
    if (this.#fields === null || separator < 0) return true;
    let column = 0;
    let start = a;
    for (let i = a; i <= b; i++) {
      if (i < b && buf[i] !== separator) continue;
      const key = probed[column];
      if (key !== undefined && i > start && valueMightMatch(this.#index, key, buf, start, i)) return true;
      column++;
      start = i + 1;
    }
    return column !== probed.length;
  }

  /** Returns the number of lines in `buf` (which must end at a line boundary or at the end of input). */
  findCandidateLines(
    buf: Buffer,
    firstLine: number,
    stats: ReadStats,
    onCandidate: (text: string, lineNumber: number) => void,
  ): number {
    const length = buf.length;
    let start = 0;
    let lineNumber = firstLine - 1;
    while (start < length) {
      let end = buf.indexOf(NEWLINE, start);
      if (end < 0) end = length;
      lineNumber++;
      const a = start;
      let b = end;
      start = end + 1;
      if (b > a && buf[b - 1] === CR) b--;
      if (a === b) continue;
      if (buf[a] === HASH) {
        this.#reader.read(buf.toString('utf8', a, b), stats, lineNumber);
        this.#layout();
        continue;
      }
      if (this.#fields !== this.#reader.fields) this.#layout();
      if (this.#isCandidate(buf, a, b)) onCandidate(buf.toString('utf8', a, b), lineNumber);
      else stats.lines++;
    }
    return lineNumber - firstLine + 1;
  }
}
