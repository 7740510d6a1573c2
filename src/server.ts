import type { Config } from './core/config/index.ts';
import { ensureInitialAdmin } from './core/auth/users-service.ts';
import { setupUrl } from './core/auth/users-routes.ts';
import { buildApp } from './core/http/app.ts';
import { modules } from './modules.ts';
import { openRuntime, type Runtime } from './runtime.ts';

export interface RunningServer {
  readonly url: string;
  readonly runtime: Runtime;
  /** Stops taking requests, lets in-flight ones finish, stops the workers, closes the database. */
  shutdown(): Promise<void>;
}

/** Starts the whole service: the runtime, the HTTP app, and on a new installation the first admin. */
export async function startServer(
  config: Config,
  { announce = (line: string) => process.stderr.write(`${line}\n`) } = {},
): Promise<RunningServer> {
  const runtime = await openRuntime(config, { work: true });
  const { ctx } = runtime;
  let closing: Promise<void> | undefined;
  try {
    const { app } = await buildApp(ctx, modules);
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `${config.tlsCertFile ? 'https' : 'http'}://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    ctx.log.info(
      { url, database: runtime.database.kind, location: runtime.database.location, migrations: runtime.applied },
      'accord started',
    );
    const setupToken = await ensureInitialAdmin(ctx);
    if (setupToken) {
      // Written to the console only, never through the logger: the log file must not hold a credential.
      const link = setupUrl({ ...ctx, config: { ...config, port, publicUrl: config.publicUrl ?? url } }, setupToken);
      announce(
        `\nAccord is new here. Set the admin password (link valid 24 h, shown once):\n  ${link}\n  or: curl -X POST ${url}/api/auth/setup -H 'content-type: application/json' -d '{"token":"${setupToken}","password":"..."}'\n`,
      );
    }
    const shutdown = () =>
      (closing ??= (async () => {
        ctx.log.info('shutting down');
        // In-flight requests get the configured time to finish; then their connections are cut.
        const deadline = setTimeout(() => app.server.closeAllConnections(), config.shutdownTimeoutSeconds * 1000);
        await app.close().finally(() => clearTimeout(deadline));
        await runtime.close();
      })());
    return { url, runtime, shutdown };
  } catch (error) {
    await runtime.close().catch(() => {});
    throw error;
  }
}
