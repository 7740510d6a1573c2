import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface Violation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (from node_modules) in the page and returns its serious and critical violations. The script is
 * served to the browser by Playwright at a same-origin address, so the pages' own CSP (`script-src 'self'`, no
 * inline script) stays in force while it runs.
 */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  const url = `${new URL(page.url()).origin}/__test__/axe.min.js`;
  await page.route(url, (route) => route.fulfill({ path: axeSource, contentType: 'text/javascript' }));
  await page.addScriptTag({ url });
  await page.unroute(url);
  // Runs in the page, where axe-core defined `axe` (the tests compile without the DOM library).
  const results = await page.evaluate(() =>
    (globalThis as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run(),
  );
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

export interface Focused {
  text: string;
  tag: string;
  outline: string;
}

/** Presses Tab and says what has the focus and how its focus ring is drawn (none when there is none). */
export async function tab(page: Page): Promise<Focused> {
  await page.keyboard.press('Tab');
  return page.evaluate<Focused>(`(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const label = el.labels && el.labels[0] ? el.labels[0].textContent : '';
    return {
      text: (label || el.textContent || el.getAttribute('aria-label') || '').trim(),
      tag: el.tagName.toLowerCase(),
      outline: style.outlineStyle === 'none' || style.outlineWidth === '0px' ? 'none' : style.outlineStyle,
    };
  })()`);
}

/** Whether the page is wider than its viewport (a horizontal scroll bar on a phone). */
export const scrollsSideways = (page: Page) =>
  page.evaluate<boolean>('document.documentElement.scrollWidth > document.documentElement.clientWidth');
