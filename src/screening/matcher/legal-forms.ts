/**
 * Words for a company's legal form, in the normalised (lower-case, ASCII, one space) spelling. They say nothing
 * about who a company is, so they are dropped before names are compared: "Intellexa S.A." = "INTELLEXA".
 * Multi-word forms come first so that the longest one is removed.
 */
const FORMS = [
  'zartkoruen mukodo reszvenytarsasag',
  'nyilvanosan mukodo reszvenytarsasag',
  'korlatolt felelossegu tarsasag',
  'obshchestvo s ogranichennoy otvetstvennostyu',
  'obshchestvo s ogranichennoi otvetstvennostiu',
  'aktsionernoe obshchestvo',
  'publichnoe aktsionernoe obshchestvo',
  'otkrytoe aktsionernoe obshchestvo',
  'zakrytoe aktsionernoe obshchestvo',
  'anonymi etaireia',
  'limited liability company',
  'limited liability partnership',
  'public limited company',
  'private limited',
  'pte ltd',
  'pty ltd',
  'sociedad anonima',
  'societe anonyme',
  'societa per azioni',
  'sp zoo',
  'co ltd',
  'limited',
  'ltd',
  'llc',
  'llp',
  'lp',
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'plc',
  'pte',
  'pty',
  'gmbh',
  'ag',
  'kg',
  'se',
  'sa',
  'sas',
  'sarl',
  'sl',
  'srl',
  'spa',
  'bv',
  'nv',
  'oy',
  'ab',
  'as',
  'aps',
  'ad',
  'ead',
  'ood',
  'eood',
  'doo',
  'zrt',
  'kft',
  'bt',
  'nyrt',
  'sro',
  'ooo',
  'oao',
  'zao',
  'pao',
  'ao',
  'jsc',
  'pjsc',
  'ojsc',
  'cjsc',
  'ltda',
  'kk',
  'fze',
  'fzco',
  'fzc',
  'fzllc',
  'dmcc',
  'bhd',
  'sdn bhd',
].map((f) => f.split(' '));

// Longest first, so "pte ltd" is taken whole rather than "ltd" and then "pte".
FORMS.sort((a, b) => b.length - a.length);

const startsWith = (tokens: readonly string[], at: number, form: readonly string[]) =>
  form.every((word, i) => tokens[at + i] === word);

/**
 * Removes legal forms from the start and the end of a token list (never from the middle, where such words can be
 * part of the name), and never every token.
 *
 * @example stripLegalForms(['cytrox', 'holdings', 'zrt']) // { tokens: ['cytrox', 'holdings'], removed: ['zrt'] }
 */
export function stripLegalForms(tokens: readonly string[]): { tokens: string[]; removed: string[] } {
  let start = 0;
  let end = tokens.length;
  const removed: string[] = [];
  let changed = true;
  while (changed && end - start > 1) {
    changed = false;
    for (const form of FORMS) {
      if (end - start - form.length < 1) continue;
      if (startsWith(tokens, end - form.length, form) && end - form.length >= start) {
        removed.unshift(form.join(' '));
        end -= form.length;
        changed = true;
        break;
      }
      if (startsWith(tokens, start, form)) {
        removed.push(form.join(' '));
        start += form.length;
        changed = true;
        break;
      }
    }
  }
  return { tokens: tokens.slice(start, end), removed };
}
