import type { TransparencyReport } from '../report-schema.ts';
import { googleCsv, nationalSecurityCsv } from './google-csv.ts';
import { microsoftCsv } from './microsoft-csv.ts';

export const exportFormats = ['google-csv', 'google-national-security-csv', 'microsoft', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const SCHEMA_URL = '/api/public/transparency/schema.json';

/** A series of reports (oldest first) in one of the published formats, with its media type and file suffix. */
export function render(reports: readonly TransparencyReport[], format: ExportFormat) {
  switch (format) {
    case 'google-csv':
      return { body: googleCsv(reports), type: 'text/csv; charset=utf-8', suffix: 'csv' };
    case 'google-national-security-csv':
      return { body: nationalSecurityCsv(reports), type: 'text/csv; charset=utf-8', suffix: 'national-security.csv' };
    case 'microsoft':
      return { body: microsoftCsv(reports), type: 'text/csv; charset=utf-8', suffix: 'microsoft.csv' };
    case 'json': {
      const documents = reports.map((r) => ({ $schema: SCHEMA_URL, ...r }));
      const body = JSON.stringify(documents.length === 1 ? documents[0] : documents, null, 2) + '\n';
      return { body, type: 'application/json; charset=utf-8', suffix: 'json' };
    }
  }
}
