import { createWriteStream, type WriteStream } from 'node:fs';
import cliProgress from 'cli-progress';
import { Option, type Command } from 'commander';
import { DetectionEngine } from '../detect/engine/engine.ts';
import { telemetryFormats, type TelemetryFormat } from '../detect/engine/formats.ts';
import { scanSource } from '../detect/scan.ts';
import type { Hit } from '../detect/record-hits.ts';
import { attributionOfIndicator } from '../intel/service.ts';
import { CliError, exitCodes, printTable, runAction, withRuntime } from './run.ts';
import type { Config } from '../core/config/index.ts';
import { configuredFieldMapping, FieldMappingError, loadFieldMapping } from '../detect/engine/field-mapping.ts';

export const scanExitCodes = { clean: 0, failure: 1, usage: 2, detections: 4 } as const;

function progressBar() {
  const tty = process.stderr.isTTY === true;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format:
        'scanning {file} [{bar}] {percentage}% | {lines} events, {rate} events/s | {hits} hits | {eta_formatted} left',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  return { bar, tty };
}

function fieldMapping(config: Config, file: string | undefined) {
  if (file === undefined) return configuredFieldMapping(config);
  try {
    return loadFieldMapping(file);
  } catch (error) {
    if (error instanceof FieldMappingError) throw new CliError(`--mapping: ${error.message}`, exitCodes.usage);
    throw error;
  }
}

export function scanCommand(program: Command) {
  program
    .command('scan <files...>')
    .description('match telemetry files (or - for stdin; gzip is read transparently) against the active indicators')
    .addOption(
      new Option('--format <format>', 'the input format (default: recognised from the content)').choices(
        telemetryFormats,
      ),
    )
    .option('--out <file>', 'write every hit as NDJSON to this file')
    .option(
      '--mapping <file>',
      'a JSON field mapping for NDJSON, Zeek and CSV input: {"time": [...], "subject": [...], "values": {"domain-name:value": [...]}} (default: ACCORD_DETECT_FIELD_MAPPING, else the built-in one)',
    )
    .option('--record', 'also store the detections (folded per account and indicator, attributed, audited)')
    .addHelpText(
      'after',
      `\nExit codes: ${scanExitCodes.clean} nothing found, ${scanExitCodes.detections} detections found, ` +
        `${scanExitCodes.failure} failure (unreadable, binary or truncated file, every line malformed, database), ` +
        `${scanExitCodes.usage} wrong usage.\n` +
        'Malformed lines are counted and the first few reported with their line numbers; they never stop a scan.',
    )
    .action((files: string[], opts: { out?: string; record?: boolean; format?: TelemetryFormat; mapping?: string }) =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          const engine = new DetectionEngine(undefined, fieldMapping(ctx.config, opts.mapping));
          await engine.refresh(ctx);
          process.stderr.write(`${engine.indicatorValues} indicator values loaded\n`);
          const out: WriteStream | undefined = opts.out ? createWriteStream(opts.out) : undefined;
          const all: Hit[] = [];
          let lines = 0;
          let failed = false;
          for (const file of files) {
            const { bar, tty } = progressBar();
            const started = performance.now();
            let begun = false;
            const result = await scanSource(ctx, engine, file, {
              record: opts.record === true,
              ...(opts.format ? { format: opts.format } : {}),
              onProgress: (p) => {
                if (!tty) return;
                const rate = Math.round(p.lines / Math.max((performance.now() - started) / 1000, 0.001));
                const payload = { file, lines: p.lines, hits: p.hits, rate };
                if (!begun) {
                  bar.start(p.bytesTotal ?? 1, 0, payload);
                  begun = true;
                }
                bar.update(p.bytesTotal ? p.bytesRead : 0, payload);
              },
            });
            if (begun) bar.stop();
            const seconds = (performance.now() - started) / 1000;
            process.stderr.write(
              `${result.source} (${result.format}): ${result.lines} events in ${seconds.toFixed(1)} s (${Math.round(result.lines / Math.max(seconds, 0.001))}/s), ${result.hits.length} hits, ${result.malformed} malformed\n`,
            );
            for (const m of result.firstMalformed) process.stderr.write(`  line ${m.line}: ${m.reason}\n`);
            for (const hit of result.hits) out?.write(`${JSON.stringify({ ...hit, time: hit.time.toISOString() })}\n`);
            if (result.recorded) {
              process.stderr.write(
                `  recorded: ${result.recorded.created.length} new detections, ${result.recorded.folded} folded into existing ones, ${result.recorded.duplicates} already recorded\n`,
              );
            }
            if (result.problem) {
              process.stderr.write(`error: ${result.problem}\n`);
              failed = true;
            }
            all.push(...result.hits);
            lines += result.lines;
          }
          await new Promise<void>((resolve) => (out ? out.end(resolve) : resolve()));
          await printSummary(ctx, all, lines);
          // A source that could not be read to its end (or at all) fails the scan, after its hits are written.
          if (failed) return scanExitCodes.failure;
          return all.length > 0 ? scanExitCodes.detections : scanExitCodes.clean;
        }),
      ),
    );
}

async function printSummary(ctx: Parameters<typeof attributionOfIndicator>[0], hits: Hit[], lines: number) {
  const out = (l = '') => process.stdout.write(`${l}\n`);
  out(`${lines} events scanned, ${hits.length} hits`);
  if (hits.length === 0) return;
  const actorOf = new Map<string, string>();
  for (const id of new Set(hits.map((h) => h.indicatorId))) {
    const chain = await attributionOfIndicator(ctx, id);
    const named =
      ['threat-actor', 'intrusion-set', 'campaign', 'malware', 'tool']
        .map((t) => chain.find((c) => c.type === t))
        .find(Boolean) ?? null;
    actorOf.set(id, named ? (named.name ?? named.id) : '(unattributed)');
  }
  const byActor = new Map<string, { hits: number; accounts: Set<string>; indicators: Set<string> }>();
  const byAccount = new Map<string, { hits: number; actors: Set<string>; first: number; last: number }>();
  for (const h of hits) {
    const actor = actorOf.get(h.indicatorId)!;
    const a = byActor.get(actor) ?? { hits: 0, accounts: new Set(), indicators: new Set() };
    a.hits++;
    a.accounts.add(h.subject ?? '(unknown)');
    a.indicators.add(h.indicatorId);
    byActor.set(actor, a);
    const key = h.subject ?? '(unknown)';
    const s = byAccount.get(key) ?? { hits: 0, actors: new Set(), first: Infinity, last: -Infinity };
    s.hits++;
    s.actors.add(actor);
    s.first = Math.min(s.first, h.time.getTime());
    s.last = Math.max(s.last, h.time.getTime());
    byAccount.set(key, s);
  }
  out();
  printTable(
    [...byActor]
      .sort((a, b) => b[1].hits - a[1].hits)
      .map(([actor, a]) => ({ actor, hits: a.hits, accounts: a.accounts.size, indicators: a.indicators.size })),
  );
  out();
  printTable(
    [...byAccount]
      .sort((a, b) => b[1].hits - a[1].hits)
      .map(([account, s]) => ({
        account,
        hits: s.hits,
        actors: [...s.actors].join(', '),
        first: new Date(s.first).toISOString(),
        last: new Date(s.last).toISOString(),
      })),
  );
}
