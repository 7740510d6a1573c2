import type { ListRecord, ParsedList, RejectedRecord } from './list-record.ts';
import { aliasNames, cleanList, countryCodes, hostNames, text } from './record-fields.ts';

// FollowTheMoney schemata that name a party (not addresses, sanctions or relationships).
const PARTIES = new Set(['Thing', 'LegalEntity', 'Organization', 'Company', 'PublicBody', 'Person']);

/**
 * OpenSanctions / FollowTheMoney entities, one JSON object per line:
 * `{id, schema, properties: {name[], alias[], weakAlias[], previousName[], country[], jurisdiction[], website[]}, datasets[]}`.
 * Entities of other schemata (sanctions, addresses, ownership) are skipped without complaint.
 */
export function parseFtm(content: string): ParsedList {
  const records: ListRecord[] = [];
  const rejected: RejectedRecord[] = [];
  content.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let e: { id?: unknown; schema?: unknown; properties?: Record<string, unknown[]>; datasets?: unknown[] };
    try {
      e = JSON.parse(line) as typeof e;
    } catch {
      return void rejected.push({ record: i + 1, reason: 'not a JSON object' });
    }
    if (typeof e !== 'object' || e === null) return void rejected.push({ record: i + 1, reason: 'not a JSON object' });
    if (typeof e.schema === 'string' && !PARTIES.has(e.schema)) return;
    const id = text(e.id);
    if (!id) return void rejected.push({ record: i + 1, reason: 'no id' });
    const p = e.properties ?? {};
    const names = cleanList(p.name ?? []);
    if (names.length === 0) return void rejected.push({ record: i + 1, reason: `${id} has no name` });
    const name = names[0]!;
    records.push({
      externalId: id,
      name,
      aliases: [
        ...aliasNames(names.slice(1), 'alias', name),
        ...aliasNames(p.alias ?? [], 'alias', name),
        ...aliasNames(p.previousName ?? [], 'previous_name', name),
        ...aliasNames(p.weakAlias ?? [], 'weak_alias', name),
      ],
      countries: countryCodes([...(p.country ?? []), ...(p.jurisdiction ?? []), ...(p.mainCountry ?? [])]),
      domains: hostNames(p.website ?? []),
      programs: cleanList([...(e.datasets ?? []), ...(p.program ?? []), ...(p.topics ?? [])]),
      remarks: cleanList(p.notes ?? []).join(' ') || null,
      sourceUrl: cleanList(p.sourceUrl ?? [])[0] ?? null,
    });
  });
  return { records, rejected };
}
