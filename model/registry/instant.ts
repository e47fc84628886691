/**
 * Time in the registry is an explicit argument, never read from a clock. An `Instant` is milliseconds since
 * 1970-01-01T00:00 written as Japanese wall-clock time in UTC arithmetic (no time zone is ever applied), so
 * `instant('2021-04-01')` is the first instant of FY2021 and the end (exclusive) of FY2020.
 */
export type Instant = number;

export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 24 * MS_PER_HOUR;
export const MS_PER_WEEK = 7 * MS_PER_DAY;

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Parses `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]` (wall-clock, no zone) into an Instant.
 * @example instant('2021-04-01') - instant('2021-03-31') // 86_400_000
 */
export function instant(iso: string): Instant {
  const match = ISO.exec(iso);
  if (match === null) throw new RangeError(`instant: expected "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS]", got "${iso}"`);
  const [, y, mo, d, h, mi, s] = match;
  const year = Number(y), month = Number(mo), day = Number(d);
  const value = Date.UTC(year, month - 1, day, Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
  const check = new Date(value);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`instant: "${iso}" is not a calendar date`);
  }
  return value;
}

/** First instant of Japanese fiscal year `fiscalYear` (1 April). */
export function fiscalYearStart(fiscalYear: number): Instant {
  return Date.UTC(fiscalYear, 3, 1);
}

/** End of fiscal year `fiscalYear`, exclusive: the first instant of the next one (FY2020 → 2021-04-01T00:00). */
export function fiscalYearEnd(fiscalYear: number): Instant {
  return Date.UTC(fiscalYear + 1, 3, 1);
}

/** The fiscal year (April–March) containing `at`. */
export function fiscalYearOf(at: Instant): number {
  const date = new Date(at);
  const year = date.getUTCFullYear();
  return date.getUTCMonth() >= 3 ? year : year - 1;
}
