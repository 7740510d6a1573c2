import { readFileSync } from 'node:fs';
import { Marked } from 'marked';

/** The languages notices ship in; Arabic is written right to left. */
export const noticeLanguages = ['en', 'es', 'fr', 'ar', 'ru', 'zh'] as const;
export type NoticeLanguage = (typeof noticeLanguages)[number];
export const isNoticeLanguage = (tag: string): tag is NoticeLanguage =>
  (noticeLanguages as readonly string[]).includes(tag);

/**
 * The notice language for a person's preferred language (a BCP 47 tag): its primary language when a template is in
 * it (`fr-CA` is `fr`, `zh-Hant-TW` is `zh`), else `fallback`.
 */
export function noticeLanguageFor(tag: string | null | undefined, fallback: NoticeLanguage): NoticeLanguage {
  const primary = tag?.split('-')[0]?.toLowerCase() ?? '';
  return isNoticeLanguage(primary) ? primary : fallback;
}

const RIGHT_TO_LEFT: ReadonlySet<NoticeLanguage> = new Set(['ar']);

/**
 * What a notice may say about the person and where to turn; never indicators or attribution (they tip off).
 * `name` (a display name, never the account address) and `account_url` (the provider's page showing the notice after
 * signing in, ACCORD_NOTIFY_VERIFY_URL) are optional: templates choose their wording with `{{#v}}…{{/v}}` (when set)
 * and `{{^v}}…{{/v}}` (when not), so a notice without a name greets neutrally and one without a sign-in page sends
 * people to Accord's public page, asking nobody to sign in to Accord.
 */
export const noticeVariables = ['name', 'provider', 'help_url', 'verify_url', 'date', 'account_url'] as const;
const optionalVariables: ReadonlySet<string> = new Set(['name', 'account_url']);
export type NoticeVariables = Record<'provider' | 'help_url' | 'verify_url' | 'date', string> & {
  name?: string | undefined;
  account_url?: string | undefined;
};

export interface RenderedNotice {
  language: NoticeLanguage;
  dir: 'ltr' | 'rtl';
  subject: string;
  text: string;
  html: string;
}

export class NoticeTemplateError extends Error {}

// Raw HTML in a template is not rendered: a template is text with Markdown, never markup.
const markdown = new Marked({ gfm: true, renderer: { html: ({ text }) => escapeHtml(text) } });
const templates = new Map<NoticeLanguage, string>();

function templateOf(language: NoticeLanguage): string {
  let text = templates.get(language);
  if (text === undefined) {
    text = readFileSync(new URL(`./templates/${language}.md`, import.meta.url), 'utf8');
    templates.set(language, text);
  }
  return text;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const isVariable = (name: string): name is keyof NoticeVariables =>
  (noticeVariables as readonly string[]).includes(name);
const isSet = (value: string | undefined) => typeof value === 'string' && value.trim() !== '';

/** Keeps `{{#v}}…{{/v}}` when v is set and `{{^v}}…{{/v}}` when it is not, dropping the other; no nesting. */
function choose(template: string, values: NoticeVariables): string {
  return template.replace(
    /\{\{([#^])([a-z_]+)\}\}([\s\S]*?)\{\{\/\2\}\}/g,
    (_, kind: string, name: string, inner: string) => {
      if (!isVariable(name)) throw new NoticeTemplateError(`unknown variable {{${kind}${name}}}`);
      return isSet(values[name]) === (kind === '#') ? inner : '';
    },
  );
}

function fill(template: string, values: NoticeVariables, escape: (s: string) => string): string {
  return template.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (_, name: string) => {
    if (!isVariable(name)) throw new NoticeTemplateError(`unknown variable {{${name}}}`);
    return escape(values[name] ?? '');
  });
}

/** Markdown as plain text for e-mail clients that show no HTML: headings, emphasis and link syntax removed. */
function plainText(source: string): string {
  return source
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * A notice in one language with the person's details filled in: a subject (the template's first heading), plain
 * text, and HTML with its direction set (Arabic right to left). Values are escaped for HTML, so a name cannot inject
 * markup; Markdown in a value is kept as text.
 */
export function renderNotice(language: NoticeLanguage, values: NoticeVariables): RenderedNotice {
  const missing = noticeVariables.find((v) => !optionalVariables.has(v) && !isSet(values[v]));
  if (missing) throw new NoticeTemplateError(`the variable ${missing} is missing`);
  const source = choose(templateOf(language), values);
  const [first, ...rest] = source.split('\n');
  const subject = fill(first!.replace(/^#\s+/, ''), values, (s) => s.replace(/[\r\n]+/g, ' '));
  const body = rest.join('\n').trim();
  const dir = RIGHT_TO_LEFT.has(language) ? 'rtl' : 'ltr';
  // Placeholders go into the Markdown as tokens that Markdown leaves alone, and are filled after rendering.
  const html = fill(markdown.parse(body, { async: false }), values, escapeHtml);
  return {
    language,
    dir,
    subject,
    text: fill(plainText(body), values, (s) => s),
    html: `<div lang="${language}" dir="${dir}">\n${html}</div>\n`,
  };
}
