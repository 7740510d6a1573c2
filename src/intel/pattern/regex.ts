/** Regular expressions for `MATCHES` (PCRE-like, run with JavaScript RegExp) and `LIKE` (SQL wildcards). */

const cache = new Map<string, RegExp>();
const likeCache = new Map<string, RegExp>();

/**
 * Compiles a `MATCHES` operand. A leading PCRE option group such as `(?i)` or `(?ms)` becomes RegExp flags, since
 * JavaScript has no inline options. Returns the RegExp, or the engine's complaint when the expression is invalid.
 */
export function compileMatches(source: string): RegExp | string {
  const hit = cache.get(source);
  if (hit !== undefined) return hit;
  const options = /^\(\?([ims]+)\)/.exec(source);
  const flags = options?.[1] === undefined ? '' : [...new Set(options[1])].join('');
  const body = options === null ? source : source.slice(options[0].length);
  let re: RegExp;
  try {
    re = new RegExp(body, flags);
  } catch (e) {
    return e instanceof Error ? e.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '') : 'invalid';
  }
  if (cache.size > 1000) cache.clear();
  cache.set(source, re);
  return re;
}

/** Compiles a `LIKE` operand: `%` is any run of characters, `_` exactly one, everything else literal. */
export function compileLike(source: string): RegExp {
  const hit = likeCache.get(source);
  if (hit !== undefined) return hit;
  let body = '';
  for (const ch of source) {
    if (ch === '%') body += '.*';
    else if (ch === '_') body += '.';
    else body += /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
  }
  const re = new RegExp(`^${body}$`, 'su');
  if (likeCache.size > 1000) likeCache.clear();
  likeCache.set(source, re);
  return re;
}
