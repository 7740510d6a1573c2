import { describe, expect, it } from 'vitest';
import { ComplexPattern, MAX_SUBJECTS, objectsOf } from './complex-patterns.ts';

const T = Date.UTC(2026, 10, 1);
const dns = (name: string) => objectsOf([{ key: 'domain-name:value', value: name }]);
let seq = 0;
const feed = (p: ComplexPattern, subject: string, name: string, secondsFromT: number) =>
  p.observe(subject, dns(name), T + secondsFromT * 1000, ++seq);

describe('complex patterns over a stream, per subject', () => {
  const chain =
    "[domain-name:value = 'stage1.example'] FOLLOWEDBY [domain-name:value = 'stage2.example'] WITHIN 600 SECONDS";

  it('FOLLOWEDBY … WITHIN fires only in the right order and window', () => {
    const p = new ComplexPattern('indicator--a', chain);
    expect(feed(p, 'alice', 'STAGE1.example', 0)).toBe(false);
    expect(feed(p, 'alice', 'benign.example', 10)).toBe(false);
    expect(feed(p, 'alice', 'stage2.example', 300)).toBe(true);

    const wrongOrder = new ComplexPattern('indicator--b', chain);
    expect(feed(wrongOrder, 'bob', 'stage2.example', 0)).toBe(false);
    expect(feed(wrongOrder, 'bob', 'stage1.example', 5)).toBe(false);

    const tooLate = new ComplexPattern('indicator--c', chain);
    expect(feed(tooLate, 'carol', 'stage1.example', 0)).toBe(false);
    expect(feed(tooLate, 'carol', 'stage2.example', 601)).toBe(false);

    const otherPeople = new ComplexPattern('indicator--d', chain);
    expect(feed(otherPeople, 'dan', 'stage1.example', 0)).toBe(false);
    expect(feed(otherPeople, 'erin', 'stage2.example', 1)).toBe(false);
  });

  it('AND across two observations, in either order; not from a single observation', () => {
    const p = new ComplexPattern(
      'indicator--e',
      "[domain-name:value = 'a.example'] AND [domain-name:value = 'b.example']",
    );
    expect(feed(p, 'x', 'b.example', 0)).toBe(false);
    expect(feed(p, 'x', 'a.example', 1)).toBe(true);
    const same = new ComplexPattern(
      'indicator--f',
      "[domain-name:value = 'a.example'] AND [domain-name:value LIKE '%.example']",
    );
    expect(feed(same, 'y', 'a.example', 0)).toBe(false);
    expect(feed(same, 'y', 'c.example', 1)).toBe(true);
  });

  it('REPEATS n TIMES needs n occurrences', () => {
    const p = new ComplexPattern(
      'indicator--g',
      "[domain-name:value = 'beacon.example'] REPEATS 3 TIMES WITHIN 60 SECONDS",
    );
    expect(feed(p, 'z', 'beacon.example', 0)).toBe(false);
    expect(feed(p, 'z', 'beacon.example', 10)).toBe(false);
    expect(feed(p, 'z', 'beacon.example', 20)).toBe(true);
  });

  it('START … STOP limits the time', () => {
    const p = new ComplexPattern(
      'indicator--h',
      "[domain-name:value = 'window.example'] START t'2026-11-01T00:00:00Z' STOP t'2026-11-01T01:00:00Z'",
    );
    expect(feed(p, 'w', 'window.example', 3600)).toBe(false);
    expect(feed(p, 'w', 'window.example', 60)).toBe(true);
  });

  it('OR inside and across observations, and comparisons other than equality', () => {
    const p = new ComplexPattern(
      'indicator--i',
      "[file:name MATCHES '^inv.*\\\\.exe$' OR file:hashes.'SHA-256' = 'aa'] FOLLOWEDBY [domain-name:value = 'c2.example']",
    );
    expect(p.observe('v', objectsOf([{ key: 'file:name', value: 'invoice.exe' }]), T, ++seq)).toBe(false);
    expect(feed(p, 'v', 'c2.example', 5)).toBe(true);
  });

  it('keeps memory bounded: subjects beyond the limit are forgotten oldest first', () => {
    const p = new ComplexPattern('indicator--j', chain);
    for (let i = 0; i < MAX_SUBJECTS + 50; i++) feed(p, `s${i}`, 'stage1.example', i);
    expect(p.subjects).toBe(MAX_SUBJECTS);
    expect(feed(p, 's0', 'stage2.example', 10)).toBe(false); // forgotten
    expect(feed(p, `s${MAX_SUBJECTS + 49}`, 'stage2.example', MAX_SUBJECTS + 60)).toBe(true);
  });
});
