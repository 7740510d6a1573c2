import { badRequest } from '../../core/errors.ts';
import type { ListRecord, ParsedList, RejectedRecord } from './list-record.ts';
import { aliasNames, cleanList, countryCodes, derivedId, text } from './record-fields.ts';

/**
 * The US Consolidated Screening List as JSON: trade.gov's API and download (`{"results": [...]}`) or an extract
 * keeping entries under `entries`. Each entry has name, alt_names, source, addresses[].country, programs,
 * remarks, source_list_url and an id (`id`, `_id` or `csl_id`).
 */
export function parseCslJson(content: string): ParsedList {
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch (error) {
    throw badRequest(`not JSON: ${(error as Error).message}`);
  }
  const container = doc as { results?: unknown; entries?: unknown; source?: unknown; retrieved_date?: unknown };
  const items = Array.isArray(doc) ? doc : (container.results ?? container.entries);
  if (!Array.isArray(items)) throw badRequest('a CSL JSON document holds its entries in "results" (or "entries")');
  const records: ListRecord[] = [];
  const rejected: RejectedRecord[] = [];
  items.forEach((item: unknown, i) => {
    const r = readEntry(item);
    if (typeof r === 'string') rejected.push({ record: i + 1, reason: r });
    else records.push(r);
  });
  return {
    records,
    rejected,
    ...(text(container.source) ? { source: text(container.source)! } : {}),
    ...(text(container.retrieved_date) ? { version: text(container.retrieved_date)! } : {}),
  };
}

function readEntry(item: unknown): ListRecord | string {
  if (typeof item !== 'object' || item === null) return 'not an object';
  const e = item as Record<string, unknown>;
  const name = text(e.name);
  if (!name) return 'no name';
  const addresses = Array.isArray(e.addresses) ? (e.addresses as Array<Record<string, unknown>>) : [];
  const list = text(e.source) ?? 'CSL';
  const id = text(e.id) ?? text(e._id) ?? text(e.csl_id) ?? text(e.entity_number) ?? derivedId(list, name);
  return {
    externalId: id,
    name,
    aliases: aliasNames(Array.isArray(e.alt_names) ? e.alt_names : [], 'alias', name),
    countries: countryCodes(addresses.map((a) => a?.country)),
    domains: [],
    programs: cleanList([list, ...(Array.isArray(e.programs) ? e.programs : [])]),
    remarks: text(e.remarks),
    sourceUrl: text(e.source_list_url),
  };
}
