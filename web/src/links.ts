/**
 * Only an absolute http or https URL becomes a link in the console, whatever the server sent: the same rule as the
 * server's src/core/http/web-link.ts, kept here because the console is bundled on its own.
 */
export function webLink(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(value, window.location.origin);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  return parsed.href;
}
