/**
 * A web address or host as a bare lower-case host name: "https://www.Intellexa.com/about" → "intellexa.com".
 * Returns null for something that is not a host name.
 */
export function hostOf(value: string): string | null {
  let v = value.trim().toLowerCase();
  if (!v) return null;
  v = v.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  v = v.split(/[/?#]/)[0]!.split('@').pop()!.replace(/:\d+$/, '').replace(/\.$/, '');
  v = v.replace(/^www\d?\./, '');
  return /^([a-z0-9-]+\.)+[a-z0-9-]{2,}$/.test(v) ? v : null;
}

/** Same site: equal, or one a subdomain of the other. */
export const sameSite = (a: string, b: string) => a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);

/** The label a company picks for its name: "intellexa" in "mail.intellexa.co.uk". */
export function brandLabel(host: string): string {
  const labels = host.split('.');
  const second = labels.length >= 3 && /^(co|com|net|org|gov|ac)$/.test(labels.at(-2)!) ? 3 : 2;
  return labels.at(-second) ?? labels[0]!;
}
