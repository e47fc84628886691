/**
 * Numbers for tables: values of a million or more in millions, billions or trillions (in words, as on the chart
 * axes) with one decimal, smaller ones with thousands separators and up to three decimals for small values;
 * shares as percentages.
 *
 * @example formatValue(118496081863, 'JPY') // '118.5 billion JPY'
 * @example formatValue(1219.4, 'JPY') // '1,219.4 JPY'
 * @example formatValue(0.9166, 'share') // '91.7 %'
 */
import { magnitude } from './charts/chartScales.js';

const significant = (value: number): string => {
  const digits = Math.abs(value) >= 100 ? 1 : Math.abs(value) >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: digits });
};

export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (unit === 'share') return `${(100 * value).toFixed(1)} %`;
  if (unit === 'ratio') return value.toFixed(3);
  if (unit === '%') return `${value.toFixed(1)} %`;
  const m = unit.endsWith('/t') || Math.abs(value) < 1e6 ? { divisor: 1, word: '' } : magnitude(value);
  const number = significant(value / m.divisor);
  const words = [m.word, unit].filter((w) => w !== '').join(' ');
  return words === '' ? number : `${number} ${words}`;
}

/** A range 'low – high' with the unit once: '5.4 – 5.66 JPY/t'. */
export function formatRange(low: number | null | undefined, high: number | null | undefined, unit: string): string {
  const a = formatValue(low, unit);
  const b = formatValue(high, unit);
  const suffix = unitSuffix(b, unit);
  return suffix !== '' && a.endsWith(suffix) ? `${a.slice(0, -suffix.length)} – ${b}` : `${a} – ${b}`;
}

function unitSuffix(text: string, unit: string): string {
  if (unit === 'share' || unit === '%') return ' %';
  const match = / ((?:thousand |million |billion |trillion )?[^\d\s][^ ]*)$/.exec(text);
  return match === null || unit === 'ratio' ? '' : ` ${match[1]}`;
}

/** A signed difference: '+1.2 million t'; a difference of shares in percentage points, '−3.4 pp'. */
export function formatDifference(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const text = unit === 'share' ? `${(100 * Math.abs(value)).toFixed(1)} pp` : formatValue(Math.abs(value), unit);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}
