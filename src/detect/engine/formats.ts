/** Telemetry formats `accord scan` and the ingest endpoint read. */
export const telemetryFormats = ['ndjson', 'ocsf', 'zeek-tsv', 'zeek-json', 'csv'] as const;
export type TelemetryFormat = (typeof telemetryFormats)[number];

/** Recognises the format from the first bytes: Zeek's `#separator` header, JSON lines (OCSF has `class_uid`), else CSV. */
export function detectTelemetryFormat(head: string): TelemetryFormat {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('#separator') || text.startsWith('#fields')) return 'zeek-tsv';
  if (text.startsWith('{')) return /"class_uid"\s*:/.test(text.split('\n', 1)[0]!) ? 'ocsf' : 'ndjson';
  return 'csv';
}
