import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { recordAudit, type Actor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import { countryCode, regionOf } from '../core/geo/countries.ts';
import { badRequest } from '../core/errors.ts';
import { sumCounts, sumReported } from './banding.ts';
import { withheld } from './disclosure.ts';
import { periodEndingOn, type Period, type PeriodKind } from './periods.ts';
import { processOfLabel } from './processes.ts';
import type { Count, CountryRow, ProcessRow, TransparencyReport } from './report-schema.ts';
import { contentHash } from './releases.ts';
import { insertRelease, releasesOfPeriod } from './store/releases-store.ts';
import { transparencyDb } from './store/tables.ts';

/** Header names accepted for each column: the documented layout and the names Google's own files have used. */
const COLUMNS = {
  ending: ['period ending'],
  name: ['country/region', 'country'],
  code: ['cldr territory code'],
  process: ['legal process'],
  requests: ['user data requests'],
  percentage: ['percentage disclosed', 'percentage of requests where some data produced'],
  accounts: ['accounts', 'users/accounts specified'],
} as const;
type Column = keyof typeof COLUMNS;

interface Row {
  line: number;
  raw: string;
  period: Period;
  name: string;
  code: string;
  label: string;
  requests: Count;
  percentage: number | null;
  accounts: Count | null;
}

export interface ImportOutcome {
  periods: { period: string; rows: number; release_id: string; outcome: 'imported' | 'unchanged' }[];
  errors: { line: number; reason: string }[];
}

function count(value: string, allowBlank: boolean): Count | null | string {
  const v = value.trim();
  if (v === '') return allowBlank ? null : 'is empty';
  if (/^\d+$/.test(v)) return Number(v);
  const band = /^(\d+)\s*-\s*(\d+)$/.exec(v);
  if (band && Number(band[1]) <= Number(band[2])) return { min: Number(band[1]), max: Number(band[2]) };
  return `'${v}' is not a count or a band such as 0-499`;
}

function percentage(value: string): number | null | string {
  const v = value.trim().replace(/%$/, '');
  if (v === '') return null;
  const n = Number(v);
  return /^\d+(\.\d+)?$/.test(v) && n <= 100 ? Math.round(n) : `'${value}' is not a percentage from 0 to 100`;
}

function headerIndexes(header: string[]): Record<Column, number> {
  const names = header.map((h) => h.trim().toLowerCase());
  const indexes = {} as Record<Column, number>;
  for (const [column, accepted] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
    const i = names.findIndex((n) => accepted.includes(n));
    if (i < 0) throw badRequest(`the header has no '${accepted[0]}' column; expected the Google layout`);
    indexes[column] = i;
  }
  return indexes;
}

/** Reads the rows, keeping each one's exact bytes; a bad row is reported and the others are kept. */
function readRows(text: string, kinds: readonly PeriodKind[]) {
  const buffer = Buffer.from(text.replace(/^\uFEFF/, ''), 'utf8');
  let records: { record: string[]; info: { bytes: number; lines: number } }[];
  try {
    // csv-parse's typings describe plain records; with `info` each record comes with where it ended.
    records = parse(buffer, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (error) {
    throw badRequest(`the file is not CSV: ${(error as Error).message}`);
  }
  if (records.length === 0) throw badRequest('the file is empty');
  const columns = headerIndexes(records[0]!.record);
  const rows: Row[] = [];
  const errors: ImportOutcome['errors'] = [];
  let offset = records[0]!.info.bytes;
  for (const { record, info } of records.slice(1)) {
    const raw = buffer
      .subarray(offset, info.bytes)
      .toString('utf8')
      .replace(/^(\r?\n)+/, '');
    offset = info.bytes;
    const cell = (c: Column) => record[columns[c]] ?? '';
    const fail = (reason: string) => errors.push({ line: info.lines, reason });
    const ending = cell('ending').trim();
    const period = kinds.map((k) => periodEndingOn(ending, k)).find((p) => p !== null);
    if (!period) {
      fail(`Period Ending '${ending}' is not the last day of a year, half-year or quarter (YYYY-MM-DD)`);
      continue;
    }
    const code = countryCode(cell('code'));
    if (!code) {
      fail(`CLDR Territory Code '${cell('code')}' is not a territory code`);
      continue;
    }
    const requests = count(cell('requests'), false);
    const accounts = count(cell('accounts'), true);
    const pct = percentage(cell('percentage'));
    const bad = [requests, accounts, pct].find((v) => typeof v === 'string') as string | undefined;
    if (bad !== undefined) {
      fail(bad);
      continue;
    }
    if (!cell('process').trim()) {
      fail('Legal Process is empty');
      continue;
    }
    rows.push({
      line: info.lines,
      raw,
      period,
      name: cell('name').trim() || code,
      code,
      label: cell('process').trim(),
      requests: requests as Count,
      accounts: accounts as Count | null,
      percentage: pct as number | null,
    });
  }
  return { rows, errors };
}

/** A report holding a period's imported rows, in the same JSON form as the reports built here. */
function importedReport(ctx: CoreContext, period: Period, rows: readonly Row[]): TransparencyReport {
  const byCountry = new Map<string, Row[]>();
  for (const row of rows) byCountry.set(row.code, [...(byCountry.get(row.code) ?? []), row]);
  const countries: CountryRow[] = [...byCountry].map(([code, list]) => {
    const all = list.find((r) => r.label.toLowerCase() === 'all');
    const processes: ProcessRow[] = list
      .filter((r) => r !== all)
      .map((r) => ({
        process: processOfLabel(r.label),
        label: r.label,
        requests: r.requests,
        accounts: r.accounts,
        percentage_disclosed: r.percentage,
      }));
    const counted = processes.filter((p) => p.process !== 'preservation');
    return {
      code,
      name: list[0]!.name,
      region: regionOf(code),
      requests: all?.requests ?? sumCounts(counted.map((p) => p.requests)),
      accounts: all ? all.accounts : sumReported(counted.map((p) => p.accounts)),
      ...withheld,
      percentage_disclosed: all?.percentage ?? (counted.length === 1 ? counted[0]!.percentage_disclosed : null),
      processes,
    };
  });
  const ofProcess = (key: string) => countries.flatMap((c) => c.processes.filter((p) => p.process === key));
  return {
    period: { id: period.id, kind: period.kind, start: period.start.toISOString().slice(0, 10), ending: period.ending },
    provider: ctx.config.providerName,
    source: 'imported',
    generated_at: new Date().toISOString(),
    rules: ['Imported from a file published earlier in Google’s column layout: the figures are as published then.'],
    threshold: null,
    national_security_band: ctx.config.transparencyNationalSecurityBand,
    totals: {
      requests: sumCounts(countries.map((c) => c.requests)),
      accounts: sumReported(countries.map((c) => c.accounts)),
      percentage_disclosed: null,
    },
    emergency: {
      requests: sumCounts(ofProcess('emergency_disclosure').map((p) => p.requests)),
      accounts: sumReported(ofProcess('emergency_disclosure').map((p) => p.accounts)),
      percentage_disclosed: null,
    },
    preservation: {
      requests: sumCounts(ofProcess('preservation').map((p) => p.requests)),
      accounts: sumReported(ofProcess('preservation').map((p) => p.accounts)),
    },
    countries,
    national_security: [],
    notifications: null,
    imported_rows: rows.map((r) => r.raw),
  };
}

/**
 * Imports figures published earlier in the Google layout, one published release per period, so the provider's
 * series is continuous. Importing the same rows again changes nothing; a period that already has other releases
 * is refused (its figures are a public record), with the other periods still imported.
 */
export async function importGoogleCsv(ctx: CoreContext, actor: Actor, text: string): Promise<ImportOutcome> {
  const configured = ctx.config.transparencyPeriod;
  const kinds = [configured, ...(['half-year', 'quarter', 'year'] as const).filter((k) => k !== configured)];
  const { rows, errors } = readRows(text, kinds);
  const byPeriod = new Map<string, Row[]>();
  for (const row of rows) byPeriod.set(row.period.id, [...(byPeriod.get(row.period.id) ?? []), row]);
  const periods: ImportOutcome['periods'] = [];
  for (const [id, list] of byPeriod) {
    const report = importedReport(ctx, list[0]!.period, list);
    const outcome = await ctx.db.transaction().execute(async (trx) => {
      const db = transparencyDb(trx);
      const existing = await releasesOfPeriod(db, id);
      const same = existing.find(
        (r) =>
          r.source === 'imported' && JSON.stringify(r.content.imported_rows) === JSON.stringify(report.imported_rows),
      );
      if (same) return { release_id: same.id, outcome: 'unchanged' as const };
      if (existing.length > 0) return null;
      const releaseId = randomUUID();
      const hash = contentHash(report);
      const now = new Date();
      await insertRelease(db, {
        id: releaseId,
        period: id,
        version: 1,
        state: 'published',
        source: 'imported',
        content: JSON.stringify(report),
        content_hash: hash,
        change_note: null,
        created_by: actor.id ?? actor.label,
        approved_by: actor.id ?? actor.label,
        approved_at: now,
        published_by: actor.id ?? actor.label,
        published_at: now,
      });
      await recordAudit(trx, actor, {
        action: 'transparency_release.imported',
        objectType: 'transparency_release',
        objectId: releaseId,
        details: { period: id, rows: list.length, content_hash: hash },
      });
      return { release_id: releaseId, outcome: 'imported' as const };
    });
    if (outcome) periods.push({ period: id, rows: list.length, ...outcome });
    else
      for (const row of list)
        errors.push({
          line: row.line,
          reason: `${id} already has releases here; its published figures stay as they are`,
        });
  }
  errors.sort((a, b) => a.line - b.line);
  return { periods, errors };
}
