import { describe, expect, it } from 'vitest';
import { normaliseLanguageTag } from './language-tag.ts';

describe('a language setting as a canonical BCP 47 tag', () => {
  it.each([
    ['fr', 'fr'],
    ['pt_BR.UTF-8', 'pt-BR'],
    ['PT-br', 'pt-BR'],
    ['en-US,en;q=0.9', 'en-US'],
    ['de_CH@euro', 'de-CH'],
    ['zh-hant-tw', 'zh-Hant-TW'],
  ])('%s is %s', (raw, tag) => expect(normaliseLanguageTag(raw)).toBe(tag));

  it.each(['', 'C', 'POSIX', '*', 'not a language', 'x-klingon', 'a'.repeat(40)])('%j names no language', (raw) =>
    expect(normaliseLanguageTag(raw)).toBeNull(),
  );

  it('only strings', () => expect(normaliseLanguageTag(42)).toBeNull());
});
