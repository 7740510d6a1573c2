/**
 * The one rule for a URL taken from data (an imported STIX reference, a peer's content) that may become a link:
 * only an absolute http or https URL is ever clickable. `javascript:`, `data:`, `vbscript:`, `file:` and relative
 * forms are refused, whatever case, whitespace or control characters they are dressed in, because a browser
 * strips those before it reads the scheme. The console keeps the same rule in web/src/links.ts.
 */
export function webLink(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 8192) return null;
  // WHATWG URL parsing drops tabs, newlines and edge controls exactly as a browser does, so the scheme checked
  // here is the one a browser would follow; the normalised href is what gets rendered.
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (!parsed.hostname) return null;
  return parsed.href;
}

/** Why a URL cannot be a link, for import errors; null when it can. */
export function webLinkProblem(value: string): string | null {
  if (webLink(value) !== null) return null;
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(value.replace(/[\t\n\r]/g, ''))?.[1];
  if (scheme && /^https?$/i.test(scheme)) return 'not a valid absolute http or https URL';
  return scheme
    ? `only http and https URLs are accepted as links (got a ${scheme.toLowerCase()}: URL)`
    : 'only absolute http and https URLs are accepted as links';
}
