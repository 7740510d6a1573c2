import { BinaryCopyWriter, uuidBytes, writeInt64 } from '../../core/db/copy-binary.ts';
import { Utf8Writer } from '../../core/db/utf8-writer.ts';
import { writeVersionRow } from './derive.ts';
import { prepareRecord, type PreparedRecord, type VersionFacts } from './prepare.ts';

/**
 * A chunk of prepared records in the form the storing thread wants: the COPY rows already encoded (versions in
 * binary form, look-up values as text), one after another, each with room for its sequence number, and beside
 * them the few facts the storing thread decides on (id, version time, markings). Built where the records were
 * validated (a worker thread, whose buffers are then moved, not copied), so the storing thread does no text work
 * per row: copying thousands of small objects or strings between threads, and encoding them, cost about as much
 * as storing them.
 */
export interface PreparedChunk {
  /** META_FIELDS strings a record: see decodeChunk. */
  meta: string[];
  /** The accepted records' version rows in binary COPY form (see writeVersionRow), seq 0 and latest until stamped. */
  rows: Uint8Array;
  /** Where each accepted record's row starts in `rows`, and where the last one ends. */
  rowStarts: Int32Array;
  /** The accepted records' look-up value rows, each `<seq>\t<stix_id>\t<key>\t<value>\n`. */
  values: Uint8Array;
  /** Where each accepted record's value rows start in `values` (a record has any number), and the end. */
  valueStarts: Int32Array;
}

/** A version ready to be stored: what the storing thread needs to decide, and where its rows lie. */
export interface StagedVersion extends VersionFacts {
  chunk: PreparedChunk;
  /** Its place among the chunk's accepted records. */
  slot: number;
}

export type StagedRecord = { ok: true; version: StagedVersion } | { ok: false; id?: string; reason: string };

/** Digits kept at the start of a look-up value row for its sequence number (a bigint has at most 19). */
const SEQ_DIGITS = 19;
const VALUE_HEAD = `${'0'.repeat(SEQ_DIGITS)}\t`;
const META_FIELDS = 7;
const NEWLINE = 0x0a;
/** In a version's binary row: its field count (2 bytes), then seq's length (4) and value, is_latest's length (4). */
const SEQ_AT = 2 + 4;
const LATEST_AT = SEQ_AT + 8 + 4;

/**
 * Builds a chunk a record at a time. Each record is written as soon as it is prepared, so that its parsed object
 * is garbage at once: holding a thousand of them until the chunk is full cost more in garbage collection than
 * writing them.
 */
export class ChunkEncoder {
  readonly #meta: string[] = [];
  readonly #rows: BinaryCopyWriter;
  readonly #values = new Utf8Writer();
  readonly #rowStarts: number[] = [];
  readonly #valueStarts: number[] = [];
  readonly #importId: Uint8Array;

  /** `expectedBytes`: about how many bytes the records take in their source, to size the buffers once. */
  constructor(importId: string, expectedBytes = 64 * 1024) {
    this.#importId = uuidBytes(importId);
    // A row holds its object as written plus about 300 bytes of columns.
    this.#rows = new BinaryCopyWriter(Math.ceil(expectedBytes * 1.25) + 64 * 1024);
  }

  add(record: PreparedRecord) {
    if (!record.ok) return this.#refuse(record.id, record.reason);
    const v = record.version;
    const start = this.#rows.length;
    try {
      writeVersionRow(this.#rows, v.object, v.version, v.json, this.#importId);
    } catch (error) {
      // Nothing a validated object holds should fail here; if something does, it is this record's reason.
      this.#rows.length = start;
      return this.#refuse(v.id, `could not be stored: ${(error as Error).message}`);
    }
    this.#meta.push(
      v.id,
      v.type,
      v.whole,
      v.fraction,
      `${v.precision}${v.revoked ? 'r' : ''}`,
      v.indicatorKey ?? '',
      v.markingRefs?.join(' ') ?? '',
    );
    this.#rowStarts.push(start);
    this.#valueStarts.push(this.#values.length);
    for (const value of v.values) this.#values.write(`${VALUE_HEAD}${value}\n`);
  }

  finish(): PreparedChunk {
    this.#rowStarts.push(this.#rows.length);
    this.#valueStarts.push(this.#values.length);
    return {
      meta: this.#meta,
      rows: this.#rows.bytes(),
      rowStarts: Int32Array.from(this.#rowStarts),
      values: this.#values.bytes(),
      valueStarts: Int32Array.from(this.#valueStarts),
    };
  }

  #refuse(id: string | undefined, reason: string) {
    this.#meta.push(id ?? '', '', reason, '', '', '', '');
  }
}

/**
 * Prepares `count` records into one chunk, taking each (`recordAt(i)`) only when its turn comes, so that one
 * parsed object at a time is alive. `expectedBytes`: as for ChunkEncoder.
 */
export function prepareChunk(
  count: number,
  recordAt: (i: number) => unknown,
  importId: string,
  expectedBytes?: number,
): PreparedChunk {
  const encoder = new ChunkEncoder(importId, expectedBytes);
  for (let i = 0; i < count; i++) encoder.add(prepareRecord(recordAt(i)));
  return encoder.finish();
}

/** The buffers a chunk can hand over to another thread without copying. */
export const chunkBuffers = (c: PreparedChunk): ArrayBuffer[] =>
  [c.rows, c.rowStarts, c.values, c.valueStarts].map((a) => a.buffer as ArrayBuffer);

/**
 * Fields a record: id, type ('' for a refused record, whose reason follows), version time (three fields, the
 * third with 'r' appended when revoked), indicator key, and non-TLP marking references space-separated
 * (identifiers hold no spaces).
 */
export function decodeChunk(chunk: PreparedChunk): StagedRecord[] {
  const out: StagedRecord[] = [];
  const m = chunk.meta;
  let slot = 0;
  for (let i = 0; i < m.length; i += META_FIELDS) {
    if (m[i + 1] === '') {
      out.push({ ok: false, ...(m[i] ? { id: m[i]! } : {}), reason: m[i + 2]! });
      continue;
    }
    const flags = m[i + 4]!;
    const version: StagedVersion = {
      id: m[i]!,
      type: m[i + 1]!,
      whole: m[i + 2]!,
      fraction: m[i + 3]!,
      precision: parseInt(flags, 10),
      revoked: flags.endsWith('r'),
      chunk,
      slot: slot++,
    };
    if (m[i + 5]) version.indicatorKey = m[i + 5]!;
    if (m[i + 6]) version.markingRefs = m[i + 6]!.split(' ');
    out.push({ ok: true, version });
  }
  return out;
}

/** Writes the version's sequence number and latest flag into its row; returns the row. */
export function stampRow(v: StagedVersion, seq: number, isLatest: boolean): Uint8Array {
  const { rows, rowStarts } = v.chunk;
  const start = rowStarts[v.slot]!;
  writeInt64(rows, start + SEQ_AT, seq);
  rows[start + LATEST_AT] = isLatest ? 1 : 0;
  return rows.subarray(start, rowStarts[v.slot + 1]);
}

/** Writes the version's sequence number into each of its value rows; returns them (possibly empty). */
export function stampValues(v: StagedVersion, seq: number): Uint8Array {
  const { values, valueStarts } = v.chunk;
  const start = valueStarts[v.slot]!;
  const end = valueStarts[v.slot + 1]!;
  for (let at = start; at < end; at = values.indexOf(NEWLINE, at) + 1) writeSeq(values, at, seq);
  return values.subarray(start, end);
}

function writeSeq(bytes: Uint8Array, at: number, seq: number) {
  let n = seq;
  for (let i = at + SEQ_DIGITS - 1; i >= at; i--) {
    bytes[i] = 0x30 + (n % 10);
    n = Math.floor(n / 10);
  }
}
