import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import {
  actors,
  exportObjects,
  findObjects,
  importFormats,
  searchIndicators,
  type ImportReport,
} from '../intel/service.ts';
import { importFrom } from '../intel/local-import.ts';
import { importProgressBar } from './progress.ts';
import { AppError } from '../core/errors.ts';
import { CliError, cliActor, exitCodes, printTable, runAction, stopOnInterrupt, withRuntime } from './run.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);

function printReport(report: ImportReport, showRejected: number) {
  out(`import ${report.importId} from ${report.source} (${report.format})`);
  printTable([
    { what: 'records read', count: report.received },
    { what: 'new object versions', count: report.inserted },
    { what: 'already stored', count: report.duplicates },
    { what: 'older versions kept as history', count: report.olderVersions },
    { what: 'refused', count: report.rejectedCount },
  ]);
  const byType = Object.entries(report.insertedByType).map(([type, count]) => ({ type, new: count }));
  if (byType.length > 0) {
    out();
    printTable(byType);
  }
  const byKey = Object.entries(report.indicatorsByKey).map(([key, count]) => ({ 'indicator key': key, new: count }));
  if (byKey.length > 0) {
    out();
    printTable(byKey);
  }
  for (const note of report.notes) out(`note: ${note}`);
  if (report.rejectedCount > 0) {
    out();
    printTable(
      report.rejected
        .slice(0, showRejected)
        .map((r) => ({ record: r.record, id: r.id ?? r.value ?? '', reason: r.reason })),
    );
    if (report.rejectedCount > showRejected) {
      out(
        `… and ${report.rejectedCount - showRejected} more (accord intel import --show-rejected <n>, or GET /api/intel/imports/${report.importId})`,
      );
    }
  }
}

const filterOptions = (command: Command) =>
  command
    .option('--type <stix type>', 'only objects of this STIX type, e.g. indicator, malware')
    .option('--key <key>', "only indicators comparing this key, e.g. domain-name:value, file:hashes.'SHA-256'")
    .option('--actor <name>', 'only indicators of this actor, intrusion set, campaign or malware (name, alias or id)')
    .option('--valid-at <time>', 'only indicators valid at this time (ISO 8601)')
    .option('--include-revoked', 'include revoked objects');

interface FilterOpts {
  type?: string;
  key?: string;
  actor?: string;
  validAt?: string;
  includeRevoked?: boolean;
}

function toFilter(opts: FilterOpts) {
  if (opts.validAt && Number.isNaN(Date.parse(opts.validAt)))
    throw new CliError(`--valid-at: not a time: ${opts.validAt}`, 2);
  return {
    ...(opts.type ? { type: opts.type } : {}),
    ...(opts.key ? { key: opts.key } : {}),
    ...(opts.actor ? { actor: opts.actor } : {}),
    ...(opts.validAt ? { validAt: new Date(opts.validAt) } : {}),
    includeRevoked: opts.includeRevoked === true,
  };
}

export function intelCommand(program: Command) {
  const intel = program.command('intel').description('the threat-intelligence store (STIX 2.1)');

  intel
    .command('import <source>')
    .description(
      'import a STIX 2.1 bundle, MISP event, CSV/text list or MVT indicators index from a file, an http(s) URL, or - (stdin)',
    )
    .addOption(
      new Option('--format <format>', 'the source format (default: recognised from the content)').choices(
        importFormats,
      ),
    )
    .option('--show-rejected <n>', 'how many refused records to list', '20')
    .option('--json', 'print the full import report as JSON')
    .action((source: string, opts: { format?: (typeof importFormats)[number]; showRejected: string; json?: boolean }) =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          const bar = importProgressBar('importing');
          const stop = stopOnInterrupt();
          let report: ImportReport;
          try {
            report = await importFrom(ctx, cliActor, {
              source,
              ...(opts.format ? { format: opts.format } : {}),
              onProgress: (p) => bar.update(p),
              signal: stop.signal,
            });
          } catch (error) {
            if (error instanceof AppError && error.code === 'import_interrupted') {
              throw new CliError(error.detail, exitCodes.interrupted);
            }
            throw error;
          } finally {
            stop.dispose();
            bar.stop();
          }
          if (opts.json) out(JSON.stringify(report, null, 2));
          else printReport(report, Number(opts.showRejected) || 20);
          const unreadable = report.received === 0 && report.rejected.some((r) => r.record === 'source');
          return unreadable ? 1 : 0;
        }),
      ),
    );

  intel
    .command('search <value>')
    .description('which current indicators would match a domain, URL, IP address, e-mail address or hash')
    .option('--json', 'print JSON')
    .action((value: string, opts: { json?: boolean }) =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          const matches = await searchIndicators(ctx, value);
          if (opts.json) {
            out(JSON.stringify(matches, null, 2));
            return matches.length > 0 ? 0 : 1;
          }
          printTable(
            matches.map((m) => ({
              indicator: m.indicator.id,
              matched: `${m.matched.key} = ${m.matched.value}`,
              how: m.matched.how,
              attribution: m.attribution.map((a) => `${a.type} ${a.name ?? a.id}`).join(' → '),
            })),
          );
          return matches.length > 0 ? 0 : 1;
        }),
      ),
    );

  filterOptions(
    intel
      .command('export')
      .description(
        'write a STIX 2.1 bundle of the matching objects (latest versions, with their relationships and markings)',
      ),
  )
    .addOption(
      new Option('--flavour <flavour>', 'stix, or mvt for a file the Mobile Verification Toolkit loads with --iocs')
        .choices(['stix', 'mvt'])
        .default('stix'),
    )
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action((opts: FilterOpts & { flavour: 'stix' | 'mvt'; output?: string }) =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          const exported = await exportObjects(ctx, toFilter(opts), opts.flavour);
          const { omitted = [], ...bundle } = exported as typeof exported & {
            omitted?: { id: string; reason: string }[];
          };
          for (const o of omitted.slice(0, 20)) process.stderr.write(`left out ${o.id}: ${o.reason}\n`);
          if (omitted.length > 20) process.stderr.write(`… ${omitted.length - 20} more left out\n`);
          const text = `${JSON.stringify(bundle, null, 1)}\n`;
          if (opts.output) {
            writeFileSync(opts.output, text);
            process.stderr.write(`wrote ${bundle.objects.length} objects to ${opts.output}\n`);
          } else process.stdout.write(text);
        }),
      ),
    );

  filterOptions(intel.command('list').description('list stored objects (latest versions)'))
    .option('--limit <n>', 'at most this many', '100')
    .action((opts: FilterOpts & { limit: string }) =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          const page = await findObjects(ctx, { ...toFilter(opts), limit: Number(opts.limit) || 100 });
          printTable(
            page.objects.map((o) => ({ id: o.stix_id, type: o.type, name: o.name, tlp: o.tlp, revoked: o.revoked })),
          );
        }),
      ),
    );

  intel
    .command('actors')
    .description('threat actors, intrusion sets, campaigns, malware and tools, with how many indicators point at each')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          const list = await actors(ctx);
          if (opts.json) {
            out(JSON.stringify(list, null, 2));
            return;
          }
          printTable(
            list.map((a) => ({
              name: a.name,
              type: a.type,
              aliases: a.aliases.join(', '),
              indicators: a.indicators,
              id: a.id,
            })),
          );
        }),
      ),
    );
}
