import { expect, it, vi } from 'vitest';
import type { AccordModule } from '../../src/core/module.ts';
import { createTestApp } from '../support/app.ts';

let release: () => void = () => {};
let arrived: () => void = () => {};
const handling = new Promise<void>((r) => (arrived = r));
const slowModule: AccordModule = {
  name: 'slow',
  routes(app) {
    app.get('/api/test/slow', { config: { permission: 'public' } }, async () => {
      arrived();
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
  await handling;
  const closing = t.close();
  await vi.waitFor(() => expect(t.app.server.listening).toBe(false));
  await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  release();
  const response = await inFlight;
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ finished: true });
  await closing;
});
