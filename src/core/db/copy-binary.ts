import { withRoom, writeUtf8 } from './utf8-writer.ts';

/**
 * PostgreSQL's binary COPY format, written directly: the database then takes each value as it is stored instead
 * of parsing its text (timestamps above all), which is most of what a bulk load costs it after the indexes.
 * See "COPY: Binary Format" in the PostgreSQL manual; values are in each type's send/receive form.
 */

/** Signature, flags (no OIDs), and an empty header extension. */
export const COPY_BINARY_HEADER = Uint8Array.from([
  ...Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'),
  ...[0, 0, 0, 0],
  ...[0, 0, 0, 0],
]);
/** A field count of -1 ends the data. */
export const COPY_BINARY_TRAILER = Uint8Array.from([0xff, 0xff]);

/** Microseconds from 1970 to 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch. */
const PG_EPOCH_MICROS = 946_684_800_000_000n;

/**
 * Rows in binary COPY form, one after another, in a buffer of its own (never Node's shared pool, so it can move
 * to another thread) that grows as needed; `expectedBytes` avoids growing. Nothing is measured before it is
 * written: a text's length is filled in after its bytes.
 */
export class BinaryCopyWriter {
  #buf: Buffer<ArrayBuffer>;
  length = 0;

  constructor(expectedBytes = 64 * 1024) {
    this.#buf = Buffer.allocUnsafeSlow(expectedBytes);
  }

  row(fields: number) {
    this.#room(2);
    this.length = this.#buf.writeInt16BE(fields, this.length);
  }

  null() {
    this.#room(4);
    this.length = this.#buf.writeInt32BE(-1, this.length);
  }

  bool(value: boolean) {
    this.#room(5);
    this.length = this.#buf.writeInt32BE(1, this.length);
    this.#buf[this.length++] = value ? 1 : 0;
  }

  int4(value: number | null) {
    if (value === null) return this.null();
    this.#room(8);
    this.length = this.#buf.writeInt32BE(4, this.length);
    this.length = this.#buf.writeInt32BE(value, this.length);
  }

  /** A bigint column from a safe integer. */
  int8(value: number) {
    this.#room(12);
    this.length = this.#buf.writeInt32BE(8, this.length);
    this.length = writeInt64(this.#buf, this.length, value);
  }

  text(value: string | null) {
    if (value === null) return this.null();
    this.#room(4 + value.length * 3);
    const at = this.length + 4;
    const n = writeUtf8(this.#buf, value, at);
    this.#buf.writeInt32BE(n, this.length);
    this.length = at + n;
  }

  /** `json` is received as its text. */
  json(value: string) {
    this.text(value);
  }

  /** `jsonb` is received as a format version (1) and its text. */
  jsonb(value: string) {
    this.#room(5 + value.length * 3);
    const at = this.length + 5;
    this.#buf[this.length + 4] = 1;
    const n = writeUtf8(this.#buf, value, at);
    this.#buf.writeInt32BE(n + 1, this.length);
    this.length = at + n;
  }

  /** A timestamptz from microseconds since 1970 (see timestamptzMicros). */
  timestamptz(micros: bigint | null) {
    if (micros === null) return this.null();
    this.#room(12);
    this.length = this.#buf.writeInt32BE(8, this.length);
    this.length = this.#buf.writeBigInt64BE(micros - PG_EPOCH_MICROS, this.length);
  }

  /** A uuid, from uuidBytes. */
  uuid(bytes: Uint8Array) {
    this.#room(20);
    this.length = this.#buf.writeInt32BE(16, this.length);
    this.#buf.set(bytes, this.length);
    this.length += 16;
  }

  /** The rows written: a view of the writer's own ArrayBuffer, which can be moved to another thread. */
  bytes(): Uint8Array {
    return this.#buf.subarray(0, this.length);
  }

  #room(bytes: number) {
    this.#buf = withRoom(this.#buf, this.length, bytes);
  }
}

/** A uuid's 16 bytes, from its canonical text. */
export const uuidBytes = (text: string): Uint8Array => Buffer.from(text.replaceAll('-', ''), 'hex');

/** Writes a safe integer as a big-endian int64 at `at`; returns the offset after it. */
export function writeInt64(bytes: Uint8Array, at: number, value: number): number {
  const high = Math.floor(value / 2 ** 32);
  const low = value - high * 2 ** 32;
  for (let i = 3; i >= 0; i--) {
    bytes[at + i] = (high >>> ((3 - i) * 8)) & 0xff;
    bytes[at + 4 + i] = (low >>> ((3 - i) * 8)) & 0xff;
  }
  return at + 8;
}

const RFC3339_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/;

/**
 * The instant an RFC 3339 UTC timestamp names, in microseconds since 1970, as PostgreSQL reads the same text into
 * a timestamptz: a leap second (`:60`) is the first second of the next minute, and digits beyond the sixth are
 * rounded as it rounds them (the fraction read as a double, times a million, rounded half to even). Null if the
 * text is not of that form.
 */
export function timestamptzMicros(text: string): bigint | null {
  let micros = cache.get(text);
  if (micros === undefined) {
    micros = readMicros(text);
    // Feeds repeat a few timestamps across thousands of objects (one per run, often): remember them.
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, micros);
  }
  return micros;
}

const cache = new Map<string, bigint | null>();
const CACHE_LIMIT = 10_000;

function readMicros(text: string): bigint | null {
  const m = RFC3339_UTC.exec(text);
  if (!m) return null;
  const seconds =
    daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3])) * 86_400 +
    Number(m[4]) * 3600 +
    Number(m[5]) * 60 +
    Number(m[6]);
  const digits = m[7] ?? '';
  const fraction = digits.length <= 6 ? Number(digits.padEnd(6, '0')) : roundHalfEven(Number(`0.${digits}`) * 1e6);
  return BigInt(seconds) * 1_000_000n + BigInt(fraction);
}

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (exact for any year). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** C's rint under the default rounding mode: to the nearest integer, halves to the even one. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}
