import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, tokenFor, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(() => t?.close());

const variables = {
  name: 'Amira',
  provider: 'ExampleMail',
  help_url: 'https://www.accessnow.org/help/',
  verify_url: 'https://mail.example/notices',
  date: '2026-11-23',
};

it('previews a notice; Arabic comes right to left; bad input is a problem', async () => {
  const analyst = await tokenFor(t, 'analyst');
  const preview = (payload: object, headers: Record<string, string> = analyst) =>
    t.app.inject({ method: 'POST', url: '/api/notifications/preview', payload, headers });
  const ar = await preview({ language: 'ar', variables });
  expect(ar.statusCode).toBe(200);
  expect(ar.json()).toMatchObject({ dir: 'rtl', html: expect.stringMatching(/^<div lang="ar" dir="rtl">/) });
  const unknown = await preview({ language: 'de', variables });
  expect(unknown.statusCode).toBe(400);
  expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
  expect((await preview({ language: 'en', variables: { ...variables, date: undefined } })).statusCode).toBe(400);
  expect((await preview({ language: 'en', variables: { ...variables, date: ' ' } })).statusCode).toBe(400);
  const peer = await tokenFor(t, 'peer');
  expect((await preview({ language: 'en', variables }, peer)).statusCode).toBe(403);
});
