import { readFile, writeFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import type { CoreContext } from '../core/context.ts';
import {
  buildDraft,
  exportFormats,
  exportRelease,
  exportSeries,
  importGoogleCsv,
  parsePeriod,
  publishRelease,
  release,
  releases,
  type ExportFormat,
} from '../transparency/service.ts';
import { formatCount } from '../transparency/banding.ts';
import { CliError, cliActor, printTable, runAction, withRuntime } from './run.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);

const format = (value: string): ExportFormat => {
  if ((exportFormats as readonly string[]).includes(value)) return value as ExportFormat;
  throw new InvalidArgumentError(`expected one of ${exportFormats.join(', ')}`);
};

/** A release named by id, or the newest release of a period. */
async function resolve(ctx: CoreContext, ref: string) {
  if (/^[0-9a-f-]{36}$/i.test(ref)) return release(ctx, 'staff', ref);
  const [newest] = await releases(ctx, 'staff', parsePeriod(ref).id);
  if (!newest) throw new CliError(`no release for ${ref}: build it first (accord transparency build --period ${ref})`);
  return release(ctx, 'staff', newest.id);
}

/** Requests per country as bars: easier to take in than the table. */
function printChart(countries: { name: string; requests: number | { min: number; max: number } }[]) {
  const value = (c: (typeof countries)[number]) => (typeof c.requests === 'number' ? c.requests : c.requests.max);
  const top = [...countries].sort((a, b) => value(b) - value(a)).slice(0, 15);
  const max = Math.max(1, ...top.map(value));
  const width = Math.max(...top.map((c) => c.name.length), 7);
  for (const c of top) {
    const bar = '█'.repeat(Math.max(1, Math.round((value(c) / max) * 40)));
    out(`${c.name.padEnd(width)} ${bar} ${formatCount(c.requests)}`);
  }
}

export function transparencyCommand(program: Command) {
  const t = program.command('transparency').description('transparency reports: build, review, publish, export');

  t.command('build')
    .description('build the draft report for a period (default: the last complete one)')
    .option('--period <period>', 'e.g. 2026H1, 2026Q3 or 2026')
    .option('--note <text>', 'what a correction changes (needed once the period has a published release)')
    .action((opts: { period?: string; note?: string }) =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          const built = await buildDraft(ctx, cliActor, {
            ...(opts.period ? { period: opts.period } : {}),
            ...(opts.note ? { change_note: opts.note } : {}),
          });
          const { content } = await release(ctx, 'staff', built.id);
          out(`draft ${built.period} version ${built.version}: ${built.id}`);
          out(`content sha256 ${built.content_hash}`);
          out(
            `requests ${formatCount(content.totals.requests)}, accounts ${formatCount(content.totals.accounts)}, ` +
              `some data disclosed ${content.totals.percentage_disclosed ?? '-'}%, people notified ${formatCount(content.notifications?.people ?? null)}`,
          );
          if (content.countries.length > 0) {
            out();
            printChart(content.countries);
          }
          out();
          out(
            `a reviewer other than you approves it (console or API); then: accord transparency publish ${built.period}`,
          );
        }),
      ),
    );

  // The command line acts for the system, not as an identified reviewer, so it never approves: a draft it built is
  // approved by a reviewer in the console or over the API, as the API requires, and then published here.
  t.command('publish <release>')
    .description('publish a release a reviewer other than its builder approved (period or id); it never changes again')
    .action((ref: string) =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          const row = await resolve(ctx, ref);
          if (row.state === 'published') throw new CliError(`${row.period} v${row.version} is already published`);
          if (row.state === 'draft') {
            throw new CliError(
              `${row.period} v${row.version} is a draft: a reviewer other than its builder approves it first ` +
                `(console, or POST /api/transparency/releases/${row.id}/approve)`,
            );
          }
          const published = await publishRelease(ctx, cliActor, row.id);
          out(`published ${row.period} version ${row.version}: ${row.id}`);
          out(`built by ${row.created_by}, approved by ${row.approved_by ?? '-'}`);
          out(`content sha256 ${published.content_hash} (recorded in the audit log)`);
        }),
      ),
    );

  t.command('list')
    .description('releases, drafts included')
    .action(() =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          const rows = await releases(ctx, 'staff');
          printTable(
            rows.map((r) => ({
              period: r.period,
              version: r.version,
              state: r.state,
              source: r.source,
              published: r.published_at ? new Date(r.published_at).toISOString() : '',
              id: r.id,
              note: r.change_note ?? '',
            })),
          );
        }),
      ),
    );

  t.command('export')
    .description('the published series, or one release, in a published format')
    .option('--format <format>', exportFormats.join('|'), format, 'google-csv' as ExportFormat)
    .option('--period <period...>', 'only these periods (default: all published)')
    .option('--release <release>', 'one release by id or period, a draft included (to check it before publishing)')
    .option('--out <file>', 'write to a file instead of standard output')
    .action((opts: { format: ExportFormat; period?: string[]; release?: string; out?: string }) =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          const file = opts.release
            ? await exportRelease(ctx, 'staff', (await resolve(ctx, opts.release)).id, opts.format)
            : await exportSeries(ctx, opts.format, opts.period);
          if (opts.out) {
            await writeFile(opts.out, file.body);
            process.stderr.write(`wrote ${opts.out}\n`);
          } else process.stdout.write(file.body);
        }),
      ),
    );

  t.command('import <file>')
    .description('import figures published earlier in the Google CSV layout, one published release per period')
    .action((file: string) =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
            throw new CliError(`cannot read ${file}: ${e.code ?? e.message}`);
          });
          const outcome = await importGoogleCsv(ctx, cliActor, text);
          for (const p of outcome.periods) out(`${p.period}: ${p.rows} rows ${p.outcome} (${p.release_id})`);
          for (const e of outcome.errors.slice(0, 20)) process.stderr.write(`line ${e.line}: ${e.reason}\n`);
          if (outcome.errors.length > 20) process.stderr.write(`… and ${outcome.errors.length - 20} more\n`);
          if (outcome.errors.length > 0) {
            throw new CliError(
              `${outcome.errors.length} row(s) refused; ${outcome.periods.length} period(s) imported or unchanged`,
            );
          }
        }),
      ),
    );
}
