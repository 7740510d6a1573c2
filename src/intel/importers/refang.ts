/**
 * Undoes the defanging analysts apply to network indicators so that nobody clicks them: `evil[.]com`, `evil(.)com`,
 * `evil{.}com`, `evil[dot]com`, `hxxp://`, `hxxps[:]//`, `https[://]`, `user[@]evil.com`, `user[at]evil.com`.
 * Only for domains, URLs, e-mail addresses and IP addresses: a file name may really contain `[.]`.
 *
 * @example refang('hxxps://evil[.]example/x') // 'https://evil.example/x'
 */
export function refang(raw: string): string {
  return raw
    .trim()
    .replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)/gi, '.')
    .replace(/\[:\]/g, ':')
    .replace(/\[:\/\/\]/g, '://')
    .replace(/\[@\]|\(@\)|\[at\]|\(at\)/gi, '@')
    .replace(/^h[x]{2}p(s?):/i, 'http$1:')
    .replace(/^fxp(s?):/i, 'ftp$1:');
}
