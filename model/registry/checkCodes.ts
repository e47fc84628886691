/**
 * The stable check codes of REGISTRY.md §5.5. Checks run in the fixed order S, A, U, P, X and stop at the first
 * failure; a rejected request returns `{ ok: false, code, name, message }` and changes nothing.
 */
export const CHECK_CODES = {
  S01: 'DUPLICATE_TX_ID',
  S02: 'INVALID_QUANTITY',
  S03: 'MIXED_UNIT_TYPES',
  S04: 'TX_TYPE_UNIT_NOT_ALLOWED',
  S05: 'STALE_TX',
  A01: 'SRC_ACCOUNT_NOT_FOUND',
  A02: 'DST_ACCOUNT_NOT_FOUND',
  A03: 'SRC_ACCOUNT_STATUS',
  A04: 'DST_ACCOUNT_STATUS',
  A05: 'SRC_ACCOUNT_TYPE',
  A06: 'DST_ACCOUNT_TYPE',
  A07: 'DST_CANNOT_HOLD_UNIT',
  A08: 'SAME_ACCOUNT',
  A09: 'NOT_TRUSTED',
  A10: 'PENDING_SAME_TYPE',
  U01: 'UNITS_NOT_HELD',
  U02: 'INSUFFICIENT_BALANCE',
  U03: 'UNITS_RESERVED',
  U04: 'UNITS_TERMINAL',
  U05: 'UNITS_IN_DISCREPANCY',
  U06: 'UNITS_EXPIRED',
  U07: 'WRONG_PERIOD',
  P01: 'ISSUANCE_EXCEEDS_CAP',
  P02: 'SERIAL_OVERLAP',
  P03: 'ALREADY_SURRENDERED',
  P04: 'CREDIT_LIMIT_EXCEEDED',
  P05: 'UNIT_NOT_ELIGIBLE',
  P06: 'CARRY_OVER_LIMIT',
  P07: 'CPR_BREACH',
  P08: 'ADVANCE_SALE_LIMIT',
  P09: 'TRANSFER_RESTRICTED',
  P10: 'BORROW_LIMIT',
  P11: 'REVERSAL_WINDOW',
  P12: 'REPLACEMENT_MISMATCH',
  X01: 'SAME_REGISTRY_REQUIRED',
  X02: 'REGISTRY_NOT_LINKED',
  X03: 'ART6_NOT_AUTHORIZED',
  X04: 'ART6_ALREADY_USED',
} as const;

export type CheckCode = keyof typeof CHECK_CODES;

/** Codes whose rule has two named variants in §5.5 (A01/A02 are separate codes already). */
export const CHECK_CODE_VARIANTS = {
  X01: ['SAME_REGISTRY_REQUIRED', 'DIFFERENT_REGISTRY_REQUIRED'],
  X02: ['REGISTRY_NOT_LINKED', 'PARTY_NOT_ELIGIBLE'],
  P11: ['REVERSAL_WINDOW', 'ALREADY_REVERSED'],
} as const;

export interface Rejection {
  ok: false;
  code: CheckCode;
  /** The rule's stable name (a variant name where §5.5 gives two). */
  name: string;
  message: string;
}

export function reject(code: CheckCode, message: string, name: string = CHECK_CODES[code]): Rejection {
  return { ok: false, code, name, message };
}

/** Thrown only for a broken internal invariant (a bug), never for a bad request: those return a Rejection. */
export class RegistryInvariantError extends Error {
  override readonly name = 'RegistryInvariantError';
}

/** Thrown for an invalid configuration (rules, registries, links) when a system is created. */
export class RegistryConfigError extends Error {
  override readonly name = 'RegistryConfigError';
}
