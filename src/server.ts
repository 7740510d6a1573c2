import type { Config } from './core/config/index.ts';
import { ensureInitialAdmin } from './core/auth/users-service.ts';
import { setupUrl } from './core/auth/users-routes.ts';
import { buildApp } from './core/http/app.ts';
import { publicBaseUrl } from './core/http/public-url.ts';
import { loadTlsFiles } from './core/http/tls.ts';
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
  // Before the database is opened or migrated: a bad certificate or key stops here, naming its variable.
  const tls = loadTlsFiles(config);
  const runtime = await openRuntime(config, { work: true });
  const { ctx } = runtime;
  let closing: Promise<void> | undefined;
  try {
    const { app } = await buildApp(ctx, modules, { tls });
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `${tls ? 'https' : 'http'}://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    const announced = publicBaseUrl({ ...config, port });
    if (!config.publicUrl && !isLoopback(config.host))
      ctx.log.warn(
        { announced },
        'ACCORD_PUBLIC_URL is not set: links and TAXII discovery announce the listen address; set it to the address people use',
      );
    ctx.log.info(
      { url, database: runtime.database.kind, location: runtime.database.location, migrations: runtime.applied },
      'accord started',
    );
    const setupToken = await ensureInitialAdmin(ctx);
    if (setupToken) {
      // Written to the console only, never through the logger: the log file must not hold a credential.
      const link = setupUrl({ ...ctx, config: { ...config, publicUrl: announced } }, setupToken);
      announce(
        `\nAccord is new here. Set the admin password and authenticator (link valid 24 h, shown once):\n  ${link}\n  or: curl -X POST ${url}/api/auth/setup/totp -H 'content-type: application/json' -d '{"token":"${setupToken}"}' (the secret),\n  then POST ${url}/api/auth/setup with {"token":"${setupToken}","password":"...","code":"<6 digits>"}\n`,
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

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || host.startsWith('127.');
