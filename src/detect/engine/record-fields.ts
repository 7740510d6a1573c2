/** A value at a dotted path (`dns.question.name`), or a flat key that contains dots (Zeek's `id.orig_h`). */
export function pick(record: Record<string, unknown>, path: string): unknown {
  if (path in record) return record[path];
  let node: unknown = record;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

export function parseTime(value: unknown): number | null {
  if (typeof value === 'number') return value < 1e12 ? Math.round(value * 1000) : value;
  if (typeof value === 'string') {
    const n = Number(value);
    if (Number.isFinite(n) && value.trim() !== '') return n < 1e12 ? Math.round(n * 1000) : n;
    const t = Date.parse(value);
    return Number.isNaN(t) ? null : t;
  }
  return null;
}
