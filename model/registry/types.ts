/**
 * Core vocabulary of the registry layer (REGISTRY.md §5.1–5.4): identifiers, unit types and statuses, account
 * types and statuses, transaction types, serial ranges and unit filters.
 *
 * Quantities and serials are whole tonnes held in plain JavaScript numbers that must be safe integers
 * (|n| ≤ 2^53 − 1): a run issuing billions of tonnes stays far below that bound, and numbers are several times
 * faster than bigint in the hot paths.
 */
import type { Instant } from './instant.js';

export type RegistryId = string;
export type SchemeId = string;
export type AccountId = string;
/** The legal entity (firm, Party, project participant) an account belongs to; compliance is per entity. */
export type EntityId = string;
/** Transaction id: globally unique; ids the registry assigns itself are `${registry}-${sequence}`. */
export type TxId = string;
/** A compliance period id of a scheme (`SchemeRules.compliancePeriods[].id`), e.g. "FY2026" or "P1". */
export type PeriodId = string;

export const UNIT_TYPES = ['ALLOWANCE', 'AAU', 'RMU', 'ERU', 'CER', 'TCER', 'LCER', 'CREDIT'] as const;
/** §5.2. `ALLOWANCE` and `CREDIT` are parameterised by the unit's scheme; Art. 6 status is an attribute, not a type. */
export type UnitType = (typeof UNIT_TYPES)[number];

export const UNIT_STATUSES = [
  'ACTIVE', 'RESERVED',
  'SURRENDERED', 'RETIRED', 'CANCELLED', 'DELETED', 'EXPIRED', 'INVALIDATED', 'REPLACED',
] as const;
/** §5.2 (the mirror-only statuses BUFFER, EXPORTED, PENDING_EXPORT are not produced by any transaction here). */
export type UnitStatus = (typeof UNIT_STATUSES)[number];

/** Absorbing statuses: only a REVERSE transaction (inside its window, once) leads out of one (§5.6 inv. 3). */
export const TERMINAL_STATUSES: ReadonlySet<UnitStatus> = new Set<UnitStatus>([
  'SURRENDERED', 'RETIRED', 'CANCELLED', 'DELETED', 'EXPIRED', 'INVALIDATED', 'REPLACED',
]);

export const ACCOUNT_TYPES = [
  'TOTAL_QUANTITY', 'ALLOCATION', 'AUCTION', 'RESERVE', 'PARTY_HOLDING', 'OPERATOR_HOLDING', 'TRADING', 'EXCHANGE',
  'SURRENDER', 'RETIREMENT', 'CANCELLATION', 'DELETION', 'INVALIDATION', 'REPLACEMENT', 'PPSR',
] as const;
/** §5.3 (the virtual EXTERNAL endpoint is implicit: an external transfer names the real destination account). */
export type AccountType = (typeof ACCOUNT_TYPES)[number];

export const ACCOUNT_STATUSES = [
  'OPEN', 'BLOCKED', 'SOME_RESTRICTED', 'SUSPENDED', 'CLOSURE_PENDING', 'CLOSED', 'EXCLUDED', 'TRANSFER_PENDING',
] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const TX_TYPES = [
  'ISSUE', 'ALLOCATE', 'AUCTION_DELIVERY', 'TRANSFER_INTERNAL', 'TRANSFER_EXTERNAL', 'SURRENDER', 'RETIRE', 'CANCEL',
  'DELETE', 'INVALIDATE', 'CONVERT', 'CARRY_OVER', 'EXPIRE', 'REPLACE', 'RETURN_EXCESS_ALLOCATION', 'REVERSE',
] as const;
/** §5.4. BORROW is not a transaction: it is the scheme policy that lets a SURRENDER use next-vintage units (P10). */
export type TxType = (typeof TX_TYPES)[number];

export const CANCELLATION_REASONS = ['VOLUNTARY', 'MANDATORY', 'NET_SOURCE', 'NON_COMPLIANCE', 'ART6_OIMP'] as const;
/** CANCELLATION{…} sub-types of §5.3; a CANCEL must name the reason of its destination account. */
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];

export interface AccountRef {
  registry: RegistryId;
  account: AccountId;
}

/** An inclusive serial range of one origin registry: identity of a unit is (origin, serial). */
export interface SerialRange {
  origin: RegistryId;
  start: number;
  end: number;
}

/** Art. 6 attributes of an ITMO (§5.1 `art6`), kept per unit class. */
export interface Art6Attributes {
  /** Authorization under Art. 6.2; null means not authorized (X03 on first transfer or use). */
  authorizationId: string | null;
  /** Set by the first international transfer, when the corresponding adjustment is applied (once). */
  firstTransferred: boolean;
  /** Set when the unit is used (NDC or OIMP) or cancelled (X04 on a second use). */
  used: boolean;
}

/**
 * Everything about a unit except its serial, holder and status. Units sharing all of these form one class; blocks
 * of a class are kept together, so a holding is (account, class, status) → sorted serial blocks.
 */
export interface UnitClassData {
  origin: RegistryId;
  unitType: UnitType;
  /** Scheme of origin (which scheme's rules the unit carries: validity, transfer restrictions, advance sale). */
  scheme: SchemeId;
  /** Vintage: the (fiscal) year the unit was issued for, or the year of the reduction for credits. */
  vintage: number;
  /** Phase or commitment period the unit is valid in (e.g. "CP1"); null when the scheme has no phases. */
  applicablePeriod: string | null;
  projectId: string | null;
  /** First instant at which the unit can no longer be used (tCER/lCER expiry); null: no unit-level expiry. */
  expiresAt: Instant | null;
  /** 試行 scheme ex-ante (事前交付) unit still with its original recipient (§3.2, P08). */
  advance: boolean;
  art6: Art6Attributes | null;
}

/**
 * Which units a rule talks about. Every given field must match; an omitted field matches anything.
 * Vintage bounds are inclusive.
 */
export interface UnitSelector {
  unitTypes?: readonly UnitType[];
  schemes?: readonly SchemeId[];
  origins?: readonly RegistryId[];
  minVintage?: number;
  maxVintage?: number;
  applicablePeriods?: readonly (string | null)[];
  projectIds?: readonly string[];
}

/** Chooses units by attributes for a quantity-only selection (the registry picks serials, oldest vintage first). */
export interface UnitFilter {
  unitType: UnitType;
  scheme?: SchemeId;
  origin?: RegistryId;
  vintage?: number;
  minVintage?: number;
  maxVintage?: number;
  applicablePeriod?: string | null;
  projectId?: string;
}

export function matchesSelector(unit: UnitClassData, selector: UnitSelector): boolean {
  if (selector.unitTypes !== undefined && !selector.unitTypes.includes(unit.unitType)) return false;
  if (selector.schemes !== undefined && !selector.schemes.includes(unit.scheme)) return false;
  if (selector.origins !== undefined && !selector.origins.includes(unit.origin)) return false;
  if (selector.minVintage !== undefined && unit.vintage < selector.minVintage) return false;
  if (selector.maxVintage !== undefined && unit.vintage > selector.maxVintage) return false;
  if (selector.applicablePeriods !== undefined && !selector.applicablePeriods.includes(unit.applicablePeriod)) return false;
  if (selector.projectIds !== undefined && (unit.projectId === null || !selector.projectIds.includes(unit.projectId))) return false;
  return true;
}

export function matchesAny(unit: UnitClassData, selectors: readonly UnitSelector[]): boolean {
  for (const selector of selectors) if (matchesSelector(unit, selector)) return true;
  return false;
}

export function matchesFilter(unit: UnitClassData, filter: UnitFilter): boolean {
  if (unit.unitType !== filter.unitType) return false;
  if (filter.scheme !== undefined && unit.scheme !== filter.scheme) return false;
  if (filter.origin !== undefined && unit.origin !== filter.origin) return false;
  if (filter.vintage !== undefined && unit.vintage !== filter.vintage) return false;
  if (filter.minVintage !== undefined && unit.vintage < filter.minVintage) return false;
  if (filter.maxVintage !== undefined && unit.vintage > filter.maxVintage) return false;
  if (filter.applicablePeriod !== undefined && unit.applicablePeriod !== filter.applicablePeriod) return false;
  if (filter.projectId !== undefined && unit.projectId !== filter.projectId) return false;
  return true;
}
