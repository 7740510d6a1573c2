/** One telemetry event, reduced to what matching needs. */
export interface Observation {
  /** Event time in ms since the epoch, or null when the record has none. */
  time: number | null;
  /** The account or device the event concerns, or null. */
  subject: string | null;
  /** The person's language setting as the event gives it (`fr_CA`, `en-US,en;q=0.9`), when it gives one. */
  locale?: string | null;
  /** Observed values keyed like STIX object paths (`domain-name:value`, `url:value`, ...), with their source field. */
  values: { key: string; value: string; field: string }[];
  /** 1-based line number in the input. */
  line: number;
}

export interface ReadStats {
  lines: number;
  malformed: number;
  /** The first few malformed lines, with the reason. */
  firstMalformed: { line: number; reason: string }[];
}

export const MAX_REPORTED_MALFORMED = 20;

export function noteMalformed(stats: ReadStats, line: number, reason: string) {
  stats.malformed++;
  if (stats.firstMalformed.length < MAX_REPORTED_MALFORMED) stats.firstMalformed.push({ line, reason });
}
