import { parse } from 'csv-parse/sync';
import { badRequest } from '../../core/errors.ts';
import type { ListRecord, ParsedList, RejectedRecord } from './list-record.ts';
import { aliasNames, cleanList, countryCodes, derivedId, text } from './record-fields.ts';

/**
 * A list kept by hand: `name,aliases,country,list,source_url` with a header; aliases and countries separated by
 * ";". Rows are identified by list and name, so a renamed entry is a removal and an addition.
 */
export function parsePlainCsv(content: string): ParsedList {
  let rows: Array<Record<string, string>>;
  try {
    rows = parse(content, { columns: true, bom: true, skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (error) {
    throw badRequest(`not CSV: ${(error as Error).message}`);
  }
  if (rows.length > 0 && !('name' in rows[0]!)) throw badRequest('the CSV needs a header with a "name" column');
  const records: ListRecord[] = [];
  const rejected: RejectedRecord[] = [];
  rows.forEach((row, i) => {
    const name = text(row.name);
    if (!name) return void rejected.push({ record: i + 2, reason: 'no name' });
    const countries = (row.country ?? '').split(';');
    const badCountry = cleanList(countries).find((c) => !/^[A-Za-z]{2}$/.test(c));
    if (badCountry) return void rejected.push({ record: i + 2, reason: `${badCountry} is not an ISO country code` });
    const list = text(row.list) ?? '';
    records.push({
      externalId: derivedId(list, name),
      name,
      aliases: aliasNames((row.aliases ?? '').split(';'), 'alias', name),
      countries: countryCodes(countries),
      domains: [],
      programs: cleanList([list]),
      remarks: null,
      sourceUrl: text(row.source_url),
    });
  });
  return { records, rejected };
}
