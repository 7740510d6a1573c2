import { describe, expect, it } from 'vitest';
import { formatCount, nationalSecurityBand, smallNumberBand, sumCounts } from './banding.ts';
import { notifiedByRegion, shareOf } from './disclosure.ts';
import { lastCompletePeriod, parsePeriod, periodEndingOn } from './periods.ts';

describe('reporting rules at their edges', () => {
  it('bands national-security counts in fixed widths', () => {
    expect(nationalSecurityBand(0, 500)).toEqual({ min: 0, max: 499 });
    expect(nationalSecurityBand(499, 500)).toEqual({ min: 0, max: 499 });
    expect(nationalSecurityBand(500, 500)).toEqual({ min: 500, max: 999 });
    expect(nationalSecurityBand(249, 250)).toEqual({ min: 0, max: 249 });
    expect(nationalSecurityBand(250, 250)).toEqual({ min: 250, max: 499 });
  });

  it('bands small numbers below the threshold only', () => {
    expect(smallNumberBand(0, 10)).toBe(0);
    expect(smallNumberBand(1, 10)).toEqual({ min: 1, max: 9 });
    expect(smallNumberBand(9, 10)).toEqual({ min: 1, max: 9 });
    expect(smallNumberBand(10, 10)).toBe(10);
    expect(smallNumberBand(3, 0)).toBe(3);
    expect(smallNumberBand(3, 1)).toBe(3);
  });

  it('sums exact counts exactly and anything with a band as a band', () => {
    expect(sumCounts([1, 2, 3])).toBe(6);
    expect(sumCounts([10, { min: 1, max: 9 }])).toEqual({ min: 11, max: 19 });
    expect(sumCounts([])).toBe(0);
  });

  it('gives a percentage only when the whole, the part and the rest are publishable', () => {
    expect(shareOf(1, 3, 0)).toBe(33);
    expect(shareOf(2, 3, 1)).toBe(67);
    expect(shareOf(0, 0, 0)).toBeNull();
    expect(shareOf(5, 10, 5)).toBe(50); // part and rest at the threshold
    expect(shareOf(0, 5, 5)).toBe(0);
    expect(shareOf(5, 5, 5)).toBe(100);
    expect(shareOf(4, 4, 5)).toBeNull(); // the whole is banded
    expect(shareOf(4, 10, 5)).toBeNull(); // the part would be 4
    expect(shareOf(6, 10, 5)).toBeNull(); // the rest would be 4
    expect(formatCount({ min: 0, max: 499 })).toBe('0-499');
    expect(formatCount(null)).toBe('');
  });

  it('names a region only when it and the group of the others are publishable', () => {
    const regions = (entries: [string, number][]) => new Map(entries);
    expect(
      notifiedByRegion(
        regions([
          ['Europe', 5],
          ['Africa', 5],
        ]),
        10,
        5,
      ).by_region,
    ).toEqual([
      { region: 'Africa', people: 5 },
      { region: 'Europe', people: 5 },
    ]);
    // Africa alone would be 4 = 9 - 5: Europe joins it.
    expect(
      notifiedByRegion(
        regions([
          ['Europe', 5],
          ['Africa', 4],
        ]),
        9,
        5,
      ),
    ).toEqual({
      people: 9,
      by_region: [{ region: 'Other regions', people: 9 }],
    });
    expect(
      notifiedByRegion(
        regions([
          ['Europe', 9],
          ['Asia', 5],
          ['Africa', 1],
        ]),
        15,
        5,
      ).by_region,
    ).toEqual([
      { region: 'Europe', people: 9 },
      { region: 'Other regions', people: 6 },
    ]);
    expect(notifiedByRegion(regions([['Europe', 3]]), 3, 5)).toEqual({
      people: { min: 1, max: 4 },
      by_region: [{ region: 'Other regions', people: { min: 1, max: 4 } }],
    });
    expect(notifiedByRegion(regions([['Europe', 3]]), 3, 0).by_region).toEqual([{ region: 'Europe', people: 3 }]);
  });
});

describe('periods', () => {
  it('parses years, halves and quarters, and refuses the rest', () => {
    expect(parsePeriod('2026h2')).toMatchObject({ id: '2026H2', ending: '2026-12-31' });
    expect(parsePeriod('2026Q1')).toMatchObject({ id: '2026Q1', ending: '2026-03-31' });
    expect(parsePeriod('2024')).toMatchObject({ id: '2024', ending: '2024-12-31' });
    for (const bad of ['2026H3', '2026Q5', '26H1', 'H1', '2026-06']) expect(() => parsePeriod(bad)).toThrow(/period/);
  });

  it('finds the period that ends on a date', () => {
    expect(periodEndingOn('2026-06-30', 'half-year')?.id).toBe('2026H1');
    expect(periodEndingOn('2026-06-30', 'quarter')?.id).toBe('2026Q2');
    expect(periodEndingOn('2026-06-29', 'half-year')).toBeNull();
    expect(periodEndingOn('30/06/2026', 'half-year')).toBeNull();
  });

  it('knows the last complete period', () => {
    expect(lastCompletePeriod('half-year', new Date('2026-11-23T00:00:00Z')).id).toBe('2026H1');
    expect(lastCompletePeriod('half-year', new Date('2026-03-01T00:00:00Z')).id).toBe('2025H2');
    expect(lastCompletePeriod('quarter', new Date('2026-11-23T00:00:00Z')).id).toBe('2026Q3');
    expect(lastCompletePeriod('year', new Date('2026-11-23T00:00:00Z')).id).toBe('2025');
  });
});
