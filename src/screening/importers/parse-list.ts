import { parseCslCsv } from './csl-csv.ts';
import { parseCslJson } from './csl-json.ts';
import { parseFtm } from './ftm.ts';
import type { ListFormat, ParsedList } from './list-record.ts';
import { parsePlainCsv } from './plain-csv.ts';

const parsers: Record<ListFormat, (content: string) => ParsedList> = {
  'csl-json': parseCslJson,
  'csl-csv': parseCslCsv,
  ftm: parseFtm,
  csv: parsePlainCsv,
};

/** Reads a list in one of the supported formats; bad records are reported, good ones kept. */
export const parseList = (format: ListFormat, content: string): ParsedList => parsers[format](content);
