import { stringify } from 'csv-stringify/sync';
import { formatCount } from '../banding.ts';
import type { TransparencyReport } from '../report-schema.ts';

/** The column layout of Google's "user data requests" files, which readers and scripts already parse. */
export const GOOGLE_COLUMNS = [
  'Period Ending',
  'Country/Region',
  'CLDR Territory Code',
  'Legal Process',
  'User Data Requests',
  'Percentage disclosed',
  'Accounts',
] as const;

const line = (cells: readonly string[]) => stringify([cells], { record_delimiter: 'unix' });

/** A report's rows: one per country and legal process; the percentage is left blank for preservation requests. */
export function googleRows(report: TransparencyReport): string[] {
  if (report.imported_rows) return report.imported_rows.map((raw) => (/\r?\n$/.test(raw) ? raw : `${raw}\n`));
  return report.countries.flatMap((country) =>
    country.processes.map((p) =>
      line([
        report.period.ending,
        country.name,
        country.code,
        p.label,
        formatCount(p.requests),
        p.percentage_disclosed === null ? '' : String(p.percentage_disclosed),
        formatCount(p.accounts),
      ]),
    ),
  );
}

/** One file for a series of reports, oldest first: the header, then each report's rows. */
export const googleCsv = (reports: readonly TransparencyReport[]) =>
  line(GOOGLE_COLUMNS) + reports.flatMap(googleRows).join('');

/** National-security process, only ever in bands: minimum and maximum columns. */
export const NATIONAL_SECURITY_COLUMNS = [
  'Period Ending',
  'Country/Region',
  'CLDR Territory Code',
  'Legal Process',
  'Requests Min',
  'Requests Max',
  'Accounts Min',
  'Accounts Max',
] as const;

export const nationalSecurityCsv = (reports: readonly TransparencyReport[]) =>
  line(NATIONAL_SECURITY_COLUMNS) +
  reports
    .flatMap((report) =>
      report.national_security.map((row) =>
        line([
          report.period.ending,
          row.name,
          row.code,
          'National Security Process',
          String(row.requests.min),
          String(row.requests.max),
          String(row.accounts.min),
          String(row.accounts.max),
        ]),
      ),
    )
    .join('');
