import type { CoreContext } from '../core/context.ts';
import { html, type Safe } from './html.ts';

const links = [
  ['/', 'About'],
  ['/transparency', 'Transparency report'],
  ['/actors', 'Actor profiles'],
  ['/security-warning', 'Did you receive a security warning?'],
] as const;

const rightToLeft = new Set(['ar', 'fa', 'he', 'ur']);
/** The writing direction of a language (a BCP 47 tag such as `ar` or `ar-EG`). */
export const directionOf = (lang: string) => (rightToLeft.has(lang.split('-')[0]!.toLowerCase()) ? 'rtl' : 'ltr');

/**
 * The public site's page: no console bundle, no inline script, readable without JavaScript. `lang` is the language
 * of the main content; the site's own header and footer stay in English, marked as such.
 */
export function page(
  ctx: CoreContext,
  current: string,
  title: string,
  body: Safe,
  scripts: string[] = [],
  lang = 'en',
) {
  const english = lang === 'en' ? '' : html` lang="en" dir="ltr"`;
  return html`<!doctype html>
    <html lang="${lang}" dir="${directionOf(lang)}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · ${ctx.config.providerName}</title>
        <link rel="stylesheet" href="/site/site.css" />
      </head>
      <body>
        <a class="skip" href="#content"${english}>Skip to content</a>
        <header${english}>
          <p class="brand">${ctx.config.providerName}</p>
          <nav aria-label="Public site">
            <ul>
              ${links.map(([href, label]) => html`<li><a href="${href}" ${href === current ? html` aria-current="page"` : ''}>${label}</a></li>`)}
            </ul>
          </nav>
        </header>
        <main id="content">${body}</main>
        <footer${english}>
          <p>
            Published with Accord, following the Cybersecurity Tech Accord's principles on cyber-mercenaries.
            <a href="/console">Staff sign-in</a> · <a href="/portal">Agency portal</a>
          </p>
        </footer>
        ${scripts.map((src) => html`<script src="${src}" defer></script>`)}
      </body>
    </html>`.value;
}
