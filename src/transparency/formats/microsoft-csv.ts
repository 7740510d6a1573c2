import { stringify } from 'csv-stringify/sync';
import { formatCount } from '../banding.ts';
import type { TransparencyReport } from '../report-schema.ts';

/** Microsoft's per-country layout: totals, then the share of requests by outcome. */
export const MICROSOFT_COLUMNS = [
  'Period',
  'Country/Region',
  'CLDR Territory Code',
  'Total Requests',
  'Accounts Specified',
  'Disclosure of Content (%)',
  'Disclosure of Non-Content Only (%)',
  'No Data Found (%)',
  'Rejected or Challenged (%)',
] as const;

const percent = (value: number | null) => (value === null ? '' : String(value));

export function microsoftCsv(reports: readonly TransparencyReport[]): string {
  const rows = reports.flatMap((report) =>
    report.countries.map((c) => [
      report.period.id,
      c.name,
      c.code,
      formatCount(c.requests),
      formatCount(c.accounts),
      percent(c.percentage_content),
      percent(c.percentage_non_content_only),
      percent(c.percentage_no_data),
      percent(c.percentage_rejected),
    ]),
  );
  return stringify([[...MICROSOFT_COLUMNS], ...rows], { record_delimiter: 'unix' });
}
