import { buildApp, type BuiltApp } from '../../src/core/http/app.ts';
import { modules } from '../../src/modules.ts';
import { createTestRuntime, type TestRuntime } from './runtime.ts';

/** The whole service on a real port of 127.0.0.1, with its job workers running, on a database of its own. */
export async function startLiveApp(config: Record<string, string> = {}) {
  const runtime: TestRuntime = await createTestRuntime({ work: true }, config);
  const built: BuiltApp = await buildApp(runtime.ctx, modules);
  const address = await built.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    ctx: runtime.ctx,
    async close() {
      await built.app.close();
      await runtime.close();
    },
  };
}
