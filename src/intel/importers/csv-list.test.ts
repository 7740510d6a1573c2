import { describe, expect, it } from 'vitest';
import { readIndicatorList } from './csv-list.ts';

const patterns = (text: string) =>
  readIndicatorList(text)
    .objects.filter((o) => o.type === 'indicator')
    .map((o) => o.pattern);

describe('indicator lists', () => {
  it('reads a plain list without a header, typing each value by its look; # lines are comments', () => {
    expect(patterns('# Predator infrastructure\nevil[.]example\n198.51.100.7\nhxxps://x.example/a#frag\n')).toEqual([
      "[domain-name:value = 'evil.example']",
      "[ipv4-addr:value = '198.51.100.7']",
      "[url:value = 'https://x.example/a']",
    ]);
  });

  it('reads headerless type,value[,actor] rows', () => {
    const result = readIndicatorList(
      'domain,evil.example,Intellexa\nip-dst,198.51.100.7\nsha256,' + 'a'.repeat(64) + '\n',
    );
    expect(result.objects.filter((o) => o.type === 'indicator').map((o) => o.pattern)).toEqual([
      "[domain-name:value = 'evil.example']",
      "[ipv4-addr:value = '198.51.100.7']",
      `[file:hashes.'SHA-256' = '${'a'.repeat(64)}']`,
    ]);
    expect(result.objects.filter((o) => o.type === 'intrusion-set').map((o) => o.name)).toEqual(['Intellexa']);
    expect(result.objects.filter((o) => o.type === 'relationship')).toHaveLength(1);
  });

  it('refuses line by line, keeping the good lines', () => {
    const result = readIndicatorList('value,type\nevil.example,domain\nnot a value,domain\nabc,md5\n');
    expect(result.objects).toHaveLength(1);
    expect(result.rejected).toEqual([
      expect.objectContaining({ record: 'line 3', value: 'not a value' }),
      expect.objectContaining({ record: 'line 4', value: 'abc', reason: expect.stringMatching(/not a MD5 hash/) }),
    ]);
  });

  it('links every row to the actor and malware its columns name, once per name', () => {
    const result = readIndicatorList(
      'domain,actor,malware,description\na.example,Intellexa,Predator,C2\nb.example,intellexa,Predator,C2\n',
    );
    const byType = (t: string) => result.objects.filter((o) => o.type === t);
    expect(byType('intrusion-set').map((o) => o.name)).toEqual(['Intellexa']);
    expect(byType('malware').map((o) => o.name)).toEqual(['Predator']);
    expect(byType('relationship')).toHaveLength(4);
    expect(byType('indicator').every((o) => o.description === 'C2')).toBe(true);
  });

  it('gives the same ids every time, and imports a repeated value once with a note', () => {
    const a = readIndicatorList('evil.example\nEVIL.example\n');
    const b = readIndicatorList('evil.example\n');
    expect(a.objects.map((o) => o.id)).toEqual(b.objects.map((o) => o.id));
    expect(a.notes.join()).toMatch(/1 values appeared more than once/);
  });

  it('says so when there is nothing to read', () => {
    expect(readIndicatorList('# only a comment\n').rejected).toEqual([
      { record: 'source', reason: 'the list holds no values' },
    ]);
  });
});
