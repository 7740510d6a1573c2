import { parse } from 'csv-parse/sync';
import { badRequest } from '../../core/errors.ts';
import type { ListRecord, ParsedList, RejectedRecord } from './list-record.ts';
import { aliasNames, cleanList, countryCodes, derivedId, text } from './record-fields.ts';

/**
 * The US Consolidated Screening List as trade.gov's CSV (`_id,source,entity_number,type,programs,name,…,
 * addresses,…,alt_names,…`): alternative names and programs are separated by ";", addresses by ";" with the
 * country last after a comma.
 */
export function parseCslCsv(content: string): ParsedList {
  let rows: Array<Record<string, string>>;
  try {
    rows = parse(content, { columns: true, bom: true, skip_empty_lines: true, relax_column_count: true });
  } catch (error) {
    throw badRequest(`not CSV: ${(error as Error).message}`);
  }
  if (rows.length > 0 && !('name' in rows[0]!)) throw badRequest('the CSL CSV has no "name" column');
  const records: ListRecord[] = [];
  const rejected: RejectedRecord[] = [];
  rows.forEach((row, i) => {
    const name = text(row.name);
    // Line numbers count the header.
    if (!name) return void rejected.push({ record: i + 2, reason: 'no name' });
    const list = text(row.source) ?? 'CSL';
    records.push({
      externalId: text(row._id) ?? text(row.entity_number) ?? derivedId(list, name),
      name,
      aliases: aliasNames(split(row.alt_names), 'alias', name),
      countries: countryCodes(split(row.addresses).map((a) => a.split(',').at(-1)?.trim())),
      domains: [],
      programs: cleanList([list, ...split(row.programs)]),
      remarks: text(row.remarks),
      sourceUrl: text(row.source_list_url),
    });
  });
  return { records, rejected };
}

const split = (value: string | undefined) => (value ? value.split(';').map((s) => s.trim()) : []);
