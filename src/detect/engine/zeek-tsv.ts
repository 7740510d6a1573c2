import { DEFAULT_MAPPING, observeRecord, type FieldMapping } from './ndjson-reader.ts';
import { noteMalformed, type Observation, type ReadStats } from './observation.ts';

/** Zeek's `\xHH` escapes (the separator inside a value, non-printable bytes) decoded. */
const unescape = (s: string) =>
  s.includes('\\x') ? s.replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s;

/**
 * Zeek logs in their TSV form: `#separator`, `#fields`, `#unset_field` and `#empty_field` header lines (a log may
 * restart its header when Zeek rotates it), then one record per line. Unset (`-`) and empty (`(empty)`) values are
 * treated as absent. Records then go through the same field mapping as JSON logs (Zeek's JSON logs use the same
 * field names).
 */
export class ZeekTsvReader {
  readonly #mapping: FieldMapping;
  #separator = '\t';
  #fields: string[] | null = null;
  #unset = '-';
  #empty = '(empty)';

  /** The current `#fields` (null before the first header) and separator, for the scanner's first pass. */
  constructor(mapping: FieldMapping = DEFAULT_MAPPING) {
    this.#mapping = mapping;
  }

  get fields(): readonly string[] | null {
    return this.#fields;
  }

  get separator(): string {
    return this.#separator;
  }

  read(text: string, stats: ReadStats, firstLine: number): Observation[] {
    const out: Observation[] = [];
    let line = firstLine - 1;
    for (const raw of text.split('\n')) {
      line++;
      const record = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (record === '') continue;
      if (record.startsWith('#')) {
        this.#header(record);
        continue;
      }
      stats.lines++;
      if (!this.#fields) {
        noteMalformed(stats, line, 'a record before the #fields header');
        continue;
      }
      const cells = record.split(this.#separator);
      if (cells.length !== this.#fields.length) {
        noteMalformed(stats, line, `${cells.length} fields where the header has ${this.#fields.length}`);
        continue;
      }
      const r: Record<string, unknown> = {};
      this.#fields.forEach((name, i) => {
        const cell = cells[i]!;
        if (cell !== this.#unset && cell !== this.#empty) r[name] = unescape(cell);
      });
      out.push(observeRecord(r, this.#mapping, line));
    }
    return out;
  }

  #header(record: string) {
    if (record.startsWith('#separator ')) {
      this.#separator = unescape(record.slice('#separator '.length).trim());
      return;
    }
    const [directive, ...rest] = record.split(this.#separator);
    if (directive === '#fields') this.#fields = rest;
    else if (directive === '#unset_field') this.#unset = rest[0] ?? '-';
    else if (directive === '#empty_field') this.#empty = rest[0] ?? '(empty)';
  }
}
