import type { EntryName } from '../matcher/types.ts';

/** One restricted party as read from a list, whatever its format. */
export interface ListRecord {
  /** Stable across versions of the list: what a re-import matches on. */
  readonly externalId: string;
  readonly name: string;
  readonly aliases: readonly EntryName[];
  readonly countries: readonly string[];
  readonly domains: readonly string[];
  readonly programs: readonly string[];
  readonly remarks: string | null;
  readonly sourceUrl: string | null;
}

export interface RejectedRecord {
  /** 1-based position in the file (line for CSV and JSON lines, entry for JSON). */
  readonly record: number;
  readonly reason: string;
}

export interface ParsedList {
  readonly records: ListRecord[];
  readonly rejected: RejectedRecord[];
  /** What the file says about itself, when it does. */
  readonly source?: string;
  readonly version?: string;
}

export const listFormats = ['csl-json', 'csl-csv', 'ftm', 'csv'] as const;
export type ListFormat = (typeof listFormats)[number];
