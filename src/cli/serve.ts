import type { Command } from 'commander';
import { loadConfig } from '../core/config/index.ts';
import { startServer } from '../server.ts';
import { runAction } from './run.ts';

export function serveCommand(program: Command) {
  program
    .command('serve')
    .description('start the Accord service (HTTP API, job workers); stops gracefully on SIGTERM or SIGINT')
    .option('--host <host>', 'listen address (ACCORD_HOST)')
    .option('--port <port>', 'listen port (ACCORD_PORT)')
    .action((opts: { host?: string; port?: string }) =>
      runAction(async () => {
        const overrides = { ACCORD_HOST: opts.host, ACCORD_PORT: opts.port };
        const server = await startServer(loadConfig(undefined, overrides));
        process.stderr.write(
          `accord: listening on ${server.url} (database: ${server.runtime.database.kind}, ${server.runtime.database.location})\n`,
        );
        await new Promise<void>((resolve) => {
          const stop = (signal: string) => {
            process.stderr.write(`accord: ${signal} received, finishing in-flight requests\n`);
            void server.shutdown().then(resolve, resolve);
          };
          process.once('SIGTERM', () => stop('SIGTERM'));
          process.once('SIGINT', () => stop('SIGINT'));
        });
      }),
    );
}
