import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { startLiveApp } from '../support/live-app.ts';

let live: Awaited<ReturnType<typeof startLiveApp>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  live = await startLiveApp();
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await live?.close();
});

describe('the API docs in Chromium', () => {
  it('render the OpenAPI document under the page CSP, with no policy violation', async () => {
    const page = await browser.context.newPage();
    const complaints: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') complaints.push(message.text());
    });
    page.on('pageerror', (error) => complaints.push(error.message));
    const response = await page.goto(`${live.url}/api/docs/`);
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.getByRole('heading', { name: /Accord API/ }).waitFor();
    await page.getByText('/api/auth/login').first().waitFor();
    expect(complaints).toEqual([]);
    await page.close();
  });
});
