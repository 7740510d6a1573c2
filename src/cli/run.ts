import { ConfigError, loadConfig, type Config } from '../core/config/index.ts';
import { AppError } from '../core/errors.ts';
import { isConnectionError, describeConnectionError } from '../core/db/connection-errors.ts';
import { createLogger } from '../core/log/logger.ts';
import { userInfo } from 'node:os';
import { openRuntime, type Runtime } from '../runtime.ts';

/** Exit codes shared by every command (listed in `accord --help`). */
export const exitCodes = {
  ok: 0,
  failure: 1,
  usage: 2,
  auditBroken: 3,
  checkpointRefused: 4,
  checkpointMalformed: 5,
  interrupted: 130,
} as const;

/** A failure the user can act on: printed as one line, no stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = exitCodes.failure,
  ) {
    super(message);
  }
}

export function describeError(error: unknown): string {
  if (error instanceof ConfigError) return `configuration: ${error.message}`;
  if (error instanceof AppError || error instanceof CliError) return error.message;
  if (isConnectionError(error)) return describeConnectionError(error, 'named by DATABASE_URL').detail;
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

/** Runs a command body, turning every failure into `accord: <reason>` and a non-zero exit. */
export async function runAction(body: () => Promise<number | void>): Promise<void> {
  try {
    process.exitCode = (await body()) ?? exitCodes.ok;
  } catch (error) {
    process.stderr.write(`accord: ${describeError(error)}\n`);
    process.exitCode = error instanceof CliError ? error.exitCode : exitCodes.failure;
  }
}

/** Opens the runtime for a one-shot command (logs only warnings, so output stays readable). */
export async function withRuntime<T>(work: (runtime: Runtime, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const runtime = await openRuntime(config, {
    work: false,
    log: createLogger({ ...config, logLevel: 'warn', logFile: config.logFile }),
  });
  try {
    return await work(runtime, config);
  } finally {
    await runtime.close();
  }
}

/** Prints rows as an aligned table. */
export function printTable(
  rows: Array<Record<string, unknown>>,
  out: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
) {
  if (rows.length === 0) return out('(none)');
  const columns = Object.keys(rows[0]!);
  const text = rows.map((r) => columns.map((c) => (r[c] === null || r[c] === undefined ? '' : String(r[c]))));
  const widths = columns.map((c, i) => Math.max(c.length, ...text.map((t) => t[i]!.length)));
  out(
    columns
      .map((c, i) => c.toUpperCase().padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
  for (const t of text)
    out(
      t
        .map((v, i) => v.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    );
}

export const cliActor = { type: 'system' as const, id: null, label: `cli (${userInfo().username})` };

/**
 * The first Ctrl-C (SIGINT) aborts the returned signal, so long work can stop cleanly and say what it kept; a
 * second one ends the process at once.
 */
export function stopOnInterrupt(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const quit = () => process.exit(exitCodes.interrupted);
  const first = () => {
    process.stderr.write('\naccord: stopping after the batch being stored (Ctrl-C again to quit at once)\n');
    controller.abort(new Error('stopped by Ctrl-C (SIGINT)'));
    process.once('SIGINT', quit);
  };
  process.once('SIGINT', first);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', first);
      process.off('SIGINT', quit);
    },
  };
}
