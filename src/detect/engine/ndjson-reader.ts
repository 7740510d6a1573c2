import { noteMalformed, type Observation, type ReadStats } from './observation.ts';
import { observeOcsf } from './ocsf.ts';
import { parseTime, pick } from './record-fields.ts';

/** Which record fields hold what: dotted paths, first present wins. */
export interface FieldMapping {
  time: string[];
  subject: string[];
  /** Where an event says the person's language (their client's or account's locale). */
  locale: string[];
  values: Record<string, string[]>;
}

/** Field names common in DNS, proxy, mail and endpoint logs (and Zeek's JSON logs). */
export const DEFAULT_MAPPING: FieldMapping = {
  time: ['ts', 'time', 'timestamp', '@timestamp', 'event_time'],
  subject: ['account', 'user', 'user_id', 'username', 'email', 'device', 'device_id', 'client', 'src_ip', 'id.orig_h'],
  locale: ['locale', 'user_locale', 'user.locale', 'client_locale', 'accept_language'],
  values: {
    'domain-name:value': [
      'query',
      'qname',
      'domain',
      'hostname',
      'host',
      'server_name',
      'dns.question.name',
      'san.dns',
    ],
    'url:value': ['url', 'uri_full', 'request_url'],
    'ipv4-addr:value': ['dst_ip', 'dest_ip', 'remote_ip', 'id.resp_h', 'ip'],
    'email-addr:value': ['sender', 'from', 'email_from', 'recipient', 'mailfrom', 'rcptto'],
    "file:hashes.'SHA-256'": ['sha256', 'file_sha256'],
    'file:hashes.MD5': ['md5', 'file_md5'],
    "file:hashes.'SHA-1'": ['sha1', 'file_sha1'],
    'process:name': ['process', 'process_name'],
    'app:id': ['app_id', 'package', 'bundle_id'],
    'file:path': ['path', 'file_path'],
  },
};

/** The observation of one parsed record under a mapping (also used for CSV rows and OCSF events). */
export function observeRecord(r: Record<string, unknown>, mapping: FieldMapping, line: number): Observation {
  const values: Observation['values'] = [];
  for (const [key, fields] of Object.entries(mapping.values)) {
    // Senders and recipients are both worth matching; for other kinds the first field present wins.
    const every = key === 'email-addr:value';
    for (const field of fields) {
      const v = pick(r, field);
      if (typeof v === 'string' && v !== '' && v !== '-') {
        values.push({ key: key === 'ipv4-addr:value' && v.includes(':') ? 'ipv6-addr:value' : key, value: v, field });
        if (every) continue;
        break;
      }
      // A list (Zeek's `rcptto`, an X.509 `san.dns`): every name in it.
      if (Array.isArray(v) && v.some((e) => typeof e === 'string' && e !== '')) {
        for (const e of v) if (typeof e === 'string' && e !== '') values.push({ key, value: e, field });
        if (every) continue;
        break;
      }
    }
  }
  // Zeek's http.log (and similar proxy logs) split the URL into host (maybe with a port) and path.
  const url = hostAndUri(pick(r, 'host'), pick(r, 'uri'));
  if (url !== null && !values.some((v) => v.key === 'url:value')) {
    values.push({ key: 'url:value', value: url, field: 'host+uri' });
  }
  const subjectField = mapping.subject.find((f) => pick(r, f) !== undefined && pick(r, f) !== null);
  const timeField = mapping.time.find((f) => pick(r, f) !== undefined);
  const localeField = mapping.locale.find((f) => typeof pick(r, f) === 'string');
  return {
    time: timeField ? parseTime(pick(r, timeField)) : null,
    subject: subjectField ? String(pick(r, subjectField)) : null,
    locale: localeField ? (pick(r, localeField) as string) : null,
    values,
    line,
  };
}

/** The URL a `host` and a `uri` field make (a proxy's `uri` may be a whole URL already), or null. */
function hostAndUri(host: unknown, uri: unknown): string | null {
  if (typeof uri !== 'string') return null;
  if (/^https?:\/\//i.test(uri)) return uri;
  if (typeof host !== 'string' || host === '' || host === '-' || !uri.startsWith('/')) return null;
  // A bare IPv6 address needs its brackets in a URL.
  const authority =
    host.includes(':') && host.indexOf(':') !== host.lastIndexOf(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${authority}${uri}`;
}

/** Observations from newline-delimited JSON text (one record per line). */
export function readNdjson(
  text: string,
  stats: ReadStats,
  mapping: FieldMapping = DEFAULT_MAPPING,
  firstLine = 1,
): Observation[] {
  const out: Observation[] = [];
  let start = 0;
  let line = firstLine - 1;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    const raw = text.slice(start, end).trim();
    start = end + 1;
    if (raw === '') continue;
    stats.lines++;
    let record: unknown;
    try {
      record = JSON.parse(raw);
    } catch {
      noteMalformed(stats, line, 'not JSON');
      continue;
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      noteMalformed(stats, line, 'not a JSON object');
      continue;
    }
    const r = record as Record<string, unknown>;
    out.push(typeof r.class_uid === 'number' ? observeOcsf(r, line) : observeRecord(r, mapping, line));
  }
  return out;
}
