/**
 * Edit distance counting a swap of neighbours as one edit (optimal string alignment), giving up once it exceeds
 * `max` (returns max + 1): a typo is one or two edits, and most candidate words are much further away.
 *
 * @example editDistance('zcehi', 'zechi') // 1
 */
export function editDistance(a: string, b: string, max = Math.max(a.length, b.length)): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length === 0 || b.length === 0) return Math.max(a.length, b.length);
  const w = b.length + 1;
  // Three rows: the one before the previous is needed for swaps.
  let older = new Uint16Array(w);
  let prev = new Uint16Array(w);
  let curr = new Uint16Array(w);
  for (let j = 0; j < w; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j < w; j++) {
      const cb = b.charCodeAt(j - 1);
      let d = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb)
        d = Math.min(d, older[j - 2]! + 1);
      curr[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [older, prev, curr] = [prev, curr, older];
  }
  return prev[b.length]!;
}

/** 1 − distance / longer length: 1 for equal strings, 0 for nothing in common. */
export function editSimilarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - editDistance(a, b) / longest;
}
