import { describe, expect, it } from 'vitest';
import { formatCount, nationalSecurityBand, percentOf, smallNumberBand, sumCounts } from './banding.ts';
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

  it('gives no percentage of a banded or empty figure', () => {
    expect(percentOf(1, 3, 3)).toBe(33);
    expect(percentOf(2, 3, 3)).toBe(67);
    expect(percentOf(1, 3, { min: 1, max: 9 })).toBeNull();
    expect(percentOf(0, 0, 0)).toBeNull();
    expect(formatCount({ min: 0, max: 499 })).toBe('0-499');
    expect(formatCount(null)).toBe('');
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
