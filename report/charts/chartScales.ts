/**
 * Shared scale settings so that every chart reads the same way: one colour per design (in design order), years as
 * integers, and large quantities shown in thousands, millions or billions with the multiplier in the axis label.
 */
import type * as Plot from '@observablehq/plot';

export const DESIGN_SCHEME: Plot.ColorScheme = 'observable10';

/** The colour scale: one colour per design label, with a legend when there is more than one design. */
export function designColor(labels: readonly string[]): Plot.ScaleOptions {
  return { domain: [...labels], scheme: DESIGN_SCHEME, legend: labels.length > 1, label: 'Design' };
}

/** An x scale for years: integer ticks without thousands separators. */
export function yearScale(years: readonly number[]): { label: string; tickFormat: string; ticks: number[] } {
  return { label: 'Year', tickFormat: 'd', ticks: [...new Set(years)].sort((a, b) => a - b) };
}

export interface Magnitude {
  /** Divide values by this before plotting. */
  divisor: number;
  /** Words for the label: '' | 'thousand' | 'million' | 'billion' | 'trillion'. */
  word: string;
}

const MAGNITUDES: readonly Magnitude[] = [
  { divisor: 1e12, word: 'trillion' },
  { divisor: 1e9, word: 'billion' },
  { divisor: 1e6, word: 'million' },
  { divisor: 1e3, word: 'thousand' },
];

/**
 * The magnitude for values whose largest absolute value is `largest`: the biggest of 10³, 10⁶, 10⁹, 10¹² not above
 * it (at most 10¹²), or 1.
 *
 * @example magnitude(3.2e10) // { divisor: 1e9, word: 'billion' }
 */
export function magnitude(largest: number): Magnitude {
  const size = Math.abs(largest);
  return MAGNITUDES.find((m) => size >= m.divisor) ?? { divisor: 1, word: '' };
}

/** The largest absolute finite value of `values` (0 for none). */
export function largestOf(values: Iterable<number>): number {
  let largest = 0;
  for (const value of values) if (Number.isFinite(value)) largest = Math.max(largest, Math.abs(value));
  return largest;
}

/** A unit with its multiplier: unitLabel('JPY', m) → 'billion JPY'; unitLabel('t', none) → 't'. */
export function unitLabel(unit: string, m: Magnitude): string {
  return m.word === '' ? unit : `${m.word} ${unit}`;
}
