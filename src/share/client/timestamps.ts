const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/;

/** A TAXII timestamp in microseconds since the epoch (its precision), or null when it is not one. */
export function toMicros(value: string | null | undefined): bigint | null {
  const match = value ? TIMESTAMP.exec(value) : null;
  const seconds = match ? Date.parse(`${match[1]}Z`) : NaN;
  if (!match || Number.isNaN(seconds)) return null;
  return BigInt(seconds) * 1000n + BigInt((match[2] ?? '').padEnd(6, '0').slice(0, 6));
}

const format = (micros: bigint) => {
  const seconds = new Date(Number((micros / 1_000_000n) * 1000n)).toISOString().slice(0, 19);
  return `${seconds}.${String(micros % 1_000_000n).padStart(6, '0')}Z`;
};

/** The later of two timestamps (an unparseable one counts as absent). */
export function later(a: string | null, b: string | null): string | null {
  const [ma, mb] = [toMicros(a), toMicros(b)];
  if (ma === null) return mb === null ? null : b;
  return mb !== null && mb > ma ? b : a;
}

/** One microsecond before: `added_after` of this includes every object added at the timestamp itself. */
export function justBefore(value: string): string | null {
  const micros = toMicros(value);
  return micros === null ? null : format(micros - 1n);
}
