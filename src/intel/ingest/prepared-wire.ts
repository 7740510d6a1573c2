import type { PreparedRecord } from './prepare.ts';

/**
 * A chunk of prepared records as one flat list of strings, FIELDS to a record, for the trip from a worker thread:
 * copying strings between threads is cheap, copying thousands of small objects is not (about 5 µs a record,
 * as much as storing it).
 *
 * Fields: id, type ('' for a refused record), version, whole, fraction, precision (+ 'r' when revoked),
 * indicator key, non-TLP marking references (space-separated: identifiers hold no spaces), look-up values
 * (newline-separated: COPY text escapes newlines), and the COPY row (or the reason a record was refused).
 */
const FIELDS = 10;

export function packRecords(records: readonly PreparedRecord[]): string[] {
  const out: string[] = [];
  for (const r of records) {
    if (!r.ok) {
      out.push(r.id ?? '', '', '', '', '', '', '', '', '', r.reason);
      continue;
    }
    const v = r.version;
    out.push(
      v.id,
      v.type,
      v.version,
      v.whole,
      v.fraction,
      `${v.precision}${v.revoked ? 'r' : ''}`,
      v.indicatorKey ?? '',
      v.markingRefs?.join(' ') ?? '',
      v.values.join('\n'),
      v.row,
    );
  }
  return out;
}

export function unpackRecords(fields: readonly string[]): PreparedRecord[] {
  const out: PreparedRecord[] = [];
  for (let i = 0; i < fields.length; i += FIELDS) {
    const [id, type, version, whole, fraction, flags, indicatorKey, refs, values, row] = fields.slice(
      i,
      i + FIELDS,
    ) as [string, string, string, string, string, string, string, string, string, string];
    if (type === '') {
      out.push({ ok: false, ...(id ? { id } : {}), reason: row });
      continue;
    }
    out.push({
      ok: true,
      version: {
        id,
        type,
        version,
        whole,
        fraction,
        precision: parseInt(flags, 10),
        revoked: flags.endsWith('r'),
        row,
        values: values === '' ? [] : values.split('\n'),
        ...(indicatorKey ? { indicatorKey } : {}),
        ...(refs ? { markingRefs: refs.split(' ') } : {}),
      },
    });
  }
  return out;
}
