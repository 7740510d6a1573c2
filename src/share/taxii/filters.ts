import { badRequest } from '../../core/errors.ts';
import type { VersionMatch } from '../store/page-query.ts';
import { decodeNext } from './cursor.ts';

export const MAX_PAGE = 1000;
const DEFAULT_PAGE = 100;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

export type RawQuery = Record<string, string | string[] | undefined>;

export interface Filters {
  afterSeq?: number;
  addedAfter?: string;
  limit: number;
  ids?: string[];
  types?: string[];
  specVersions?: string[];
  versions: VersionMatch;
}

/**
 * A match field's values, comma-separated (a logical OR). The field itself MUST NOT occur more than once in a
 * request (TAXII 2.1 section 3.4): repeated, it is a 400, as in the reference server and the interoperability tests.
 */
function values(query: RawQuery, name: string): string[] | undefined {
  const raw = one(query, name);
  if (raw === undefined) return undefined;
  const list = raw.split(',').map((v) => v.trim());
  if (list.some((v) => v === '')) throw badRequest(`${name} has an empty value`);
  return list;
}

function one(query: RawQuery, name: string): string | undefined {
  const raw = query[name];
  if (Array.isArray(raw)) throw badRequest(`${name} may be given once`);
  return raw;
}

export function parseTimestamp(value: string, name: string): Date {
  const date = new Date(value);
  if (!TIMESTAMP.test(value) || Number.isNaN(date.getTime())) {
    throw badRequest(`${name}: '${value}' is not a timestamp like 2026-01-01T00:00:00.000Z`);
  }
  return date;
}

function versionMatch(query: RawQuery, fallback: 'last' | 'all'): VersionMatch {
  const list = values(query, 'match[version]') ?? [fallback];
  const match: VersionMatch = { first: false, last: false, all: false, at: [] };
  for (const v of list) {
    if (v === 'first' || v === 'last' || v === 'all') match[v] = true;
    else {
      parseTimestamp(v, 'match[version]');
      match.at = [...match.at, v];
    }
  }
  return match;
}

/**
 * The TAXII filter parameters of a request: `added_after`, `limit`, `next`, `match[id|type|version|spec_version]`.
 * Parameters an endpoint does not support are refused, not silently ignored.
 */
export function parseFilters(query: RawQuery, endpoint: 'objects' | 'object' | 'versions' | 'delete'): Filters {
  const allowed = new Set(
    endpoint === 'delete'
      ? ['match[version]', 'match[spec_version]']
      : ['added_after', 'limit', 'next', 'match[spec_version]'],
  );
  if (endpoint === 'objects' || endpoint === 'object') allowed.add('match[version]');
  if (endpoint === 'objects') ['match[id]', 'match[type]'].forEach((p) => allowed.add(p));
  const unknown = Object.keys(query).filter((k) => !allowed.has(k));
  if (unknown.length > 0) throw badRequest(`unsupported parameter ${unknown.join(', ')} on this endpoint`);

  const limitText = one(query, 'limit');
  // Any positive integer: one above what the server serves is lowered to its page size (section 3.5), as medallion does.
  if (limitText !== undefined && !/^[1-9]\d*$/.test(limitText)) throw badRequest('limit must be a positive integer');
  const added = one(query, 'added_after');
  if (added !== undefined) parseTimestamp(added, 'added_after');
  const next = one(query, 'next');
  const ids = values(query, 'match[id]');
  const types = values(query, 'match[type]');
  const specVersions = values(query, 'match[spec_version]');
  // Without match[version], DELETE removes every version: section 5.7 sets no default, and a client deleting an
  // object (taxii2-client's delete_object with no filter) expects it gone, not its newest version only.
  return {
    limit: Math.min(limitText ? Number(limitText) : DEFAULT_PAGE, MAX_PAGE),
    versions: versionMatch(query, endpoint === 'versions' || endpoint === 'delete' ? 'all' : 'last'),
    ...(added !== undefined ? { addedAfter: added } : {}),
    ...(next !== undefined ? { afterSeq: decodeNext(next) } : {}),
    ...(ids ? { ids } : {}),
    ...(types ? { types } : {}),
    ...(specVersions ? { specVersions } : {}),
  };
}
