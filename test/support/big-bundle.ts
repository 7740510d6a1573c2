/**
 * A large STIX bundle as text, for imports that take many batches: `count` indicators on distinct domains, and
 * every `refuseEvery`-th record one the validator refuses (an indicator without a pattern).
 */
export function bigBundleParts(count: number, { tag = 'big', refuseEvery = 0 } = {}): string[] {
  const parts = [`{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000001","objects":[`];
  for (let i = 0; i < count; i++) {
    const id = `indicator--${uuidFor(tag, i)}`;
    const refused = refuseEvery > 0 && i % refuseEvery === refuseEvery - 1;
    const pattern = refused ? '' : `"pattern":"[domain-name:value = 'n${i}.${tag}.example']","pattern_type":"stix",`;
    parts.push(
      `${i === 0 ? '' : ','}{"type":"indicator","spec_version":"2.1","id":"${id}",` +
        `"created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z",${pattern}` +
        `"valid_from":"2026-01-01T00:00:00.000Z"}`,
    );
  }
  parts.push(']}');
  return parts;
}

/** How many of `count` records bigBundleParts makes the validator refuse. */
export const refusedIn = (count: number, refuseEvery: number) =>
  refuseEvery > 0 ? Math.floor(count / refuseEvery) : 0;

/** A version-4-shaped UUID that differs for each (tag, i), so two bundles with different tags never overlap. */
function uuidFor(tag: string, i: number): string {
  let h = 0x811c9dc5;
  for (const c of tag) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  const a = h.toString(16).padStart(8, '0');
  const b = i.toString(16).padStart(12, '0');
  return `${a}-0000-4000-8000-${b}`;
}
