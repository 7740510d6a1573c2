import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit/index.ts';
import { webLink, webLinkProblem } from '../../src/core/http/web-link.ts';
import { importObjects } from '../../src/intel/service.ts';
import { TLP } from '../../src/intel/stix/index.ts';
import { createTestApp, tokenFor, type TestApp } from '../support/app.ts';
import { sdo } from './fixtures.ts';

// Forms a browser would follow as a script or a non-web scheme: case, tabs, newlines, edge controls and
// entity-free tricks that WHATWG parsing (the browser's) strips before it reads the scheme.
const hostile = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  '\u0001javascript:alert(1)',
  'vbscript:msgbox(1)',
  'data:text/html,<script>alert(1)</script>',
  'file:///etc/passwd',
  '//evil.example/x',
  '/relative/path',
  'mailto:someone@example.org',
  'https://',
  '',
];

describe('webLink', () => {
  it('refuses every script and non-web form, and says which scheme it saw', () => {
    for (const v of hostile) expect(webLink(v), JSON.stringify(v)).toBeNull();
    expect(webLinkProblem('JaVa\tScript:alert(1)')).toContain('javascript:');
    expect(webLinkProblem('/x')).toContain('absolute');
    expect(webLinkProblem('http:javascript:alert(1)')).toBe('not a valid absolute http or https URL');
  });

  it('keeps http and https URLs, normalised as a browser would read them', () => {
    expect(webLink('https://www.amnesty.org/en/latest/research/2021/07/')).toBe(
      'https://www.amnesty.org/en/latest/research/2021/07/',
    );
    expect(webLink('HTTP://Example.ORG')).toBe('http://example.org/');
  });

  it('for any string, the answer is null or an http(s) URL that parses to the same scheme', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.webUrl(),
          fc.constantFrom(...hostile).map((h) => h + 'x'),
        ),
        (s) => {
          const out = webLink(s);
          if (out === null) return;
          expect(out).toMatch(/^https?:\/\/[^/]/);
          expect(new URL(out).protocol).toMatch(/^https?:$/);
        },
      ),
      { seed: 7, numRuns: 500 },
    );
  });
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(() => t?.close());

it('an import refuses a STIX reference whose url is not http(s), naming the field, and keeps the good objects', async () => {
  const bad = sdo('intrusion-set', 'Scripted vendor', {
    external_references: [{ source_name: 'x', url: 'JavaScript:alert(document.cookie)' }],
    object_marking_refs: [TLP.V2_CLEAR.id],
  });
  const good = sdo('intrusion-set', 'Linked vendor', {
    external_references: [{ source_name: 'Citizen Lab', url: 'https://citizenlab.ca/2023/04/' }],
    object_marking_refs: [TLP.V2_CLEAR.id],
  });
  const report = await importObjects(t.runtime.ctx, systemActor('test'), [bad, good], 'test');
  expect(report.inserted).toBe(1);
  expect(report.rejectedCount).toBe(1);
  expect(report.rejected[0]).toMatchObject({ id: bad.id });
  expect(report.rejected[0]?.reason).toMatch(/external_references\/0\/url.*javascript:/);

  const analyst = await tokenFor(t, 'analyst');
  const published = await t.app.inject({
    method: 'POST',
    url: `/api/intel/objects/${good.id}/public-profile`,
    headers: analyst,
  });
  expect(published.statusCode).toBe(200);
  const page = await t.app.inject({ method: 'GET', url: `/actors/${good.id}` });
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('href="https://citizenlab.ca/2023/04/"');
  expect(page.body.toLowerCase()).not.toContain('javascript:');
});
