import { parseTime, pick } from './record-fields.ts';
import type { Observation } from './observation.ts';

/**
 * OCSF events (schema 1.x): what each activity class observed, by class_uid. The subject is the user (or the
 * device) the event concerns; `time` is epoch milliseconds.
 */
const CLASS_FIELDS: Record<number, [key: string, path: string][]> = {
  // DNS Activity
  4003: [
    ['domain-name:value', 'query.hostname'],
    ['ipv4-addr:value', 'dst_endpoint.ip'],
  ],
  // HTTP Activity
  4002: [
    ['url:value', 'http_request.url.url_string'],
    ['domain-name:value', 'http_request.url.hostname'],
    ['ipv4-addr:value', 'dst_endpoint.ip'],
    ['domain-name:value', 'dst_endpoint.hostname'],
  ],
  // Network Activity
  4001: [
    ['ipv4-addr:value', 'dst_endpoint.ip'],
    ['domain-name:value', 'dst_endpoint.hostname'],
  ],
  // Authentication
  3002: [
    ['ipv4-addr:value', 'src_endpoint.ip'],
    ['email-addr:value', 'user.email_addr'],
  ],
  // Email Activity
  4009: [
    ['email-addr:value', 'email.from'],
    ['email-addr:value', 'email.smtp_from'],
    ['email-addr:value', 'email.reply_to'],
    ['ipv4-addr:value', 'src_endpoint.ip'],
  ],
};

const SUBJECT_PATHS = [
  'actor.user.email_addr',
  'actor.user.name',
  'user.email_addr',
  'user.name',
  'user.uid',
  'device.uid',
  'device.hostname',
  'src_endpoint.ip',
];

export function observeOcsf(r: Record<string, unknown>, line: number): Observation {
  const values: Observation['values'] = [];
  const add = (key: string, value: unknown, field: string) => {
    if (typeof value !== 'string' || value === '') return;
    values.push({ key: key === 'ipv4-addr:value' && value.includes(':') ? 'ipv6-addr:value' : key, value, field });
  };
  for (const [key, path] of CLASS_FIELDS[r.class_uid as number] ?? []) add(key, pick(r, path), path);
  if (r.class_uid === 4002 && !values.some((v) => v.key === 'url:value')) {
    const host = pick(r, 'http_request.url.hostname');
    const path = pick(r, 'http_request.url.path');
    if (typeof host === 'string' && typeof path === 'string')
      add('url:value', `https://${host}${path}`, 'http_request.url');
  }
  if (r.class_uid === 4009) {
    const urls = pick(r, 'email.urls');
    if (Array.isArray(urls))
      for (const u of urls) add('url:value', (u as { url_string?: string })?.url_string, 'email.urls');
    const files = pick(r, 'email.files') ?? pick(r, 'file');
    for (const f of Array.isArray(files) ? files : files ? [files] : []) {
      for (const h of (f as { hashes?: { algorithm?: string; value?: string }[] }).hashes ?? []) {
        const algorithm = (h.algorithm ?? '').toUpperCase();
        const key =
          algorithm === 'SHA-256'
            ? "file:hashes.'SHA-256'"
            : algorithm === 'MD5'
              ? 'file:hashes.MD5'
              : algorithm === 'SHA-1'
                ? "file:hashes.'SHA-1'"
                : null;
        if (key) add(key, h.value, 'email.files.hashes');
      }
    }
  }
  const subjectPath = SUBJECT_PATHS.find((p) => typeof pick(r, p) === 'string');
  return { time: parseTime(pick(r, 'time')), subject: subjectPath ? String(pick(r, subjectPath)) : null, values, line };
}
