import { DEFAULT_MAPPING, observeRecord, type FieldMapping } from './ndjson-reader.ts';
import { noteMalformed, type Observation, type ReadStats } from './observation.ts';

// A quoted field that is still open after this many lines is taken for a quote that was never closed.
const MAX_RECORD_LINES = 200;
const QUOTE = 34;
const COMMA = 44;

function countQuotes(text: string): number {
  let n = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) n++;
  return n;
}

/**
 * CSV with a header, read a physical line at a time: lines are gathered into a record until its quotes balance (a
 * quoted field may span lines), then the record is parsed on its own. A broken record (a stray quote, a quote never
 * closed) is counted as malformed and reported with its first line; reading goes on with the next line, so one bad
 * quote never ends a scan or swallows the rest of the file.
 */
export class CsvReader {
  readonly #mapping: FieldMapping;
  #header: string[] | null = null;
  #pending: { text: string; line: number }[] = [];
  #quotes = 0;

  constructor(mapping: FieldMapping = DEFAULT_MAPPING) {
    this.#mapping = mapping;
  }

  /** Feeds one physical line (without its line break); observations of the records it completes go to `out`. */
  line(text: string, line: number, stats: ReadStats, out: Observation[]): void {
    const record = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (this.#pending.length === 0 && record.trim() === '') return;
    this.#pending.push({ text: record, line });
    if (record.charCodeAt(0) === QUOTE || record.includes('"')) this.#quotes += countQuotes(record);
    if (this.#quotes % 2 === 0) this.#complete(stats, out);
    else if (this.#pending.length >= MAX_RECORD_LINES) this.#giveUp(stats, out);
  }

  /** At the end of input: a record still open has a quote that was never closed. */
  end(stats: ReadStats, out: Observation[]): void {
    while (this.#pending.length > 0) this.#giveUp(stats, out);
  }

  #complete(stats: ReadStats, out: Observation[]): void {
    const lines = this.#pending;
    this.#pending = [];
    this.#quotes = 0;
    const first = lines[0]!.line;
    // Without a quote a record is its commas (the common case).
    const text = lines.length === 1 ? lines[0]!.text : lines.map((l) => l.text).join('\n');
    const cells = text.includes('"') ? splitQuotedRecord(text) : text.split(',');
    if (cells === null) {
      stats.lines++;
      noteMalformed(stats, first, 'CSV: a quote inside an unquoted field or after a closing quote');
      return;
    }
    if (this.#header === null) {
      this.#header = cells;
      return;
    }
    stats.lines++;
    const record: Record<string, string> = {};
    this.#header.forEach((name, i) => {
      if (i < cells.length) record[name] = cells[i]!;
    });
    out.push(observeRecord(record, this.#mapping, lines[lines.length - 1]!.line));
  }

  /** The first pending line is malformed (its quote never closes); the lines after it are read again. */
  #giveUp(stats: ReadStats, out: Observation[]): void {
    const [bad, ...rest] = this.#pending;
    this.#pending = [];
    this.#quotes = 0;
    stats.lines++;
    noteMalformed(stats, bad!.line, 'CSV: a quoted field is not closed');
    for (const l of rest) this.line(l.text, l.line, stats, out);
  }
}

/**
 * The cells of one whole CSV record with quotes (RFC 4180: `""` is a quote inside a quoted field), or null when a
 * quote is misplaced. Written here rather than calling csv-parse once per record, which costs a parser's set-up
 * (hundreds of microseconds) for every line; the streaming parser cannot go on after an error.
 */
export function splitQuotedRecord(text: string): string[] | null {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === QUOTE) {
      let cell = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) return null;
        if (text.charCodeAt(q + 1) === QUOTE) {
          cell += text.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        cell += text.slice(from, q);
        i = q + 1;
        break;
      }
      cells.push(cell);
      if (i === text.length) return cells;
      if (text.charCodeAt(i) !== COMMA) return null;
      i++;
    } else {
      const comma = text.indexOf(',', i);
      const cell = text.slice(i, comma < 0 ? text.length : comma);
      if (cell.includes('"')) return null;
      cells.push(cell);
      if (comma < 0) return cells;
      i = comma + 1;
    }
  }
}
