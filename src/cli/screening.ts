import { readFileSync, writeFileSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { parse } from 'csv-parse/sync';
import { Option, type Command } from 'commander';
import { importList, listFormats, screenQuery, screeningLists, type ListFormat } from '../screening/service.ts';
import { CliError, cliActor, printTable, runAction, withRuntime } from './run.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);
const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

function readFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

interface ScreenOpts {
  country?: string;
  domain?: string;
  threshold?: string;
  batch?: string;
  out?: string;
  json?: boolean;
}

export function screeningCommand(program: Command) {
  program
    .command('screen [name]')
    .description('screen a name, or a CSV of parties (--batch), against the imported restriction lists')
    .option('--country <code>', 'ISO country code of the party (evidence)')
    .option('--domain <domain>', 'web domain of the party (evidence)')
    .option('--threshold <score>', 'report matches scoring at least this (0.5-1; default ACCORD_SCREENING_THRESHOLD)')
    .option('--batch <file>', 'CSV with a header: name[,country,domain,aliases] (aliases separated by ";")')
    .option('--out <file>', 'with --batch: write the results CSV here')
    .option('--json', 'print matches with their explanations as JSON')
    .action((name: string | undefined, opts: ScreenOpts) =>
      runAction(async () => {
        const threshold = opts.threshold === undefined ? undefined : Number(opts.threshold);
        if (threshold !== undefined && !(threshold >= 0.5 && threshold <= 1)) {
          throw new CliError('--threshold must be a number between 0.5 and 1', 2);
        }
        if (opts.batch) {
          if (!opts.out) throw new CliError('--batch needs --out <results.csv>', 2);
          return screenBatch(opts.batch, opts.out, threshold);
        }
        if (!name) throw new CliError('give a name to screen, or --batch <file>', 2);
        return withRuntime(async ({ ctx }) => {
          const r = await screenQuery(
            ctx,
            { name, country: opts.country ?? null, domain: opts.domain ?? null },
            threshold,
          );
          if (opts.json) out(JSON.stringify(r.matches, null, 2));
          else if (r.matches.length === 0) out(`no match at ${r.threshold} among ${r.entries} entries`);
          else {
            printTable(
              r.matches.map((m) => ({ score: m.score, entry: m.name, list: m.list, countries: m.countries.join(' ') })),
            );
            out();
            for (const m of r.matches) out(`- ${m.explanation.summary}`);
          }
          return r.matches.length > 0 ? 4 : 0;
        });
      }),
    );

  const lists = program.command('lists').description('restriction lists used for screening');
  lists
    .command('import <file>')
    .description('import a list, or re-import it (entries are updated in place; the report says what changed)')
    .addOption(new Option('--format <format>', 'the file format').choices([...listFormats]).makeOptionMandatory())
    .requiredOption('--name <name>', 'the list\'s name, e.g. "US CSL"')
    .option('--source <text>', 'where the list comes from')
    .option('--list-version <text>', "the list's version (default: from the file, or a hash of its content)")
    .action((file: string, opts: { format: ListFormat; name: string; source?: string; listVersion?: string }) =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          const report = await importList(ctx, cliActor, {
            name: opts.name,
            format: opts.format,
            content: readFile(file),
            ...(opts.source ? { source: opts.source } : {}),
            ...(opts.listVersion ? { version: opts.listVersion } : {}),
          });
          out(`list ${report.name} version ${report.version} (import ${report.importId})`);
          printTable([
            { what: 'added', count: report.added },
            { what: 'changed', count: report.changed },
            { what: 'removed', count: report.removed },
            { what: 'unchanged', count: report.unchanged },
            { what: 'refused', count: report.rejected.length },
          ]);
          for (const r of report.rejected.slice(0, 20)) out(`refused record ${r.record}: ${r.reason}`);
          if (report.rescreenQueued) out('every recorded party will be screened again (job screening.rescreen)');
        }),
      ),
    );
  lists
    .command('list')
    .description('imported lists with their source, version, import date and size')
    .action(() =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          const all = await screeningLists(ctx);
          if (all.length === 0) return void out('no lists imported');
          printTable(
            all.map((l) => ({
              list: l.name,
              format: l.format,
              version: l.version,
              entries: l.entry_count,
              imported: new Date(l.imported_at).toISOString(),
              source: l.source,
            })),
          );
        }),
      ),
    );
}

async function screenBatch(input: string, output: string, threshold: number | undefined) {
  let rows: Array<Record<string, string>>;
  try {
    rows = parse(readFile(input), {
      columns: true,
      bom: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    });
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${input} is not CSV: ${(error as Error).message.split('\n')[0]}`);
  }
  if (rows.length > 0 && !('name' in rows[0]!)) throw new CliError(`${input} needs a header with a "name" column`);
  return withRuntime(async ({ ctx }) => {
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: 'screening [{bar}] {value}/{total} | {hits} with matches', noTTYOutput: false },
      cliProgress.Presets.shades_classic,
    );
    const tty = process.stderr.isTTY === true;
    if (tty) bar.start(rows.length, 0, { hits: 0 });
    const lines = ['name,country,domain,match_count,top_score,top_match,top_list,explanation'];
    let hits = 0;
    for (const row of rows) {
      const r = await screenQuery(
        ctx,
        {
          name: row.name ?? '',
          aliases: (row.aliases ?? '').split(';').filter(Boolean),
          country: row.country || null,
          domain: row.domain || null,
        },
        threshold,
      );
      const top = r.matches[0];
      if (top) hits++;
      lines.push(
        [
          row.name,
          row.country,
          row.domain,
          r.matches.length,
          top?.score,
          top?.name,
          top?.list,
          top?.explanation.summary,
        ]
          .map(csvCell)
          .join(','),
      );
      if (tty) bar.increment(1, { hits });
    }
    if (tty) bar.stop();
    writeFileSync(output, `${lines.join('\n')}\n`);
    out(`screened ${rows.length} parties: ${hits} with matches; results in ${output}`);
    return hits > 0 ? 4 : 0;
  });
}
