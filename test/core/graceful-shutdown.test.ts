import { expect, it } from 'vitest';
import type { AccordModule } from '../../src/core/module.ts';
import { createTestApp } from '../support/app.ts';

let release: () => void = () => {};
const slowModule: AccordModule = {
  name: 'slow',
  routes(app) {
    app.get('/api/test/slow', { config: { permission: 'public' } }, async () => {
      await new Promise<void>((r) => (release = r));
      return { finished: true };
    });
  },
};

it('shutting down finishes in-flight requests and refuses new ones', async () => {
  const t = await createTestApp([slowModule]);
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const inFlight = fetch(`${url}/api/test/slow`);
  await new Promise((r) => setTimeout(r, 200)); // the request is now being handled
  const closing = t.close();
  await new Promise((r) => setTimeout(r, 100));
  await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  release();
  const response = await inFlight;
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ finished: true });
  await closing;
});
