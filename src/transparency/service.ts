/** The transparency module's public face. */
export { aggregateReport } from './aggregate.ts';
export { approveRelease, buildDraft, discardRelease, publishRelease, contentHash } from './releases.ts';
export { importGoogleCsv, type ImportOutcome } from './import-google.ts';
export { exportRelease, exportSeries, publicSeries, release, releases, type Audience } from './reads.ts';
export { exportFormats, type ExportFormat } from './formats/index.ts';
export { TransparencyReport } from './report-schema.ts';
export { parsePeriod } from './periods.ts';
