/**
 * Scheme and registry rules as data (REGISTRY.md §B design principle: "per-scheme rules are data"). Nothing in the
 * mechanism branches on a scheme's name: eligibility, limits, windows, expiry and transfer restrictions are all
 * read from these objects. `japanRules.ts` expresses the Japanese schemes of §A in this form.
 *
 * Shares are `Ratio`s: a number (0.1), a decimal string ("0.1") or a fraction string ("1/3"). They are turned into
 * exact integer fractions, so "10 % of 1,000,000 t" is exactly 100,000 t, never 100,000.00000000001.
 */
import type { Instant } from './instant.js';
import type {
  AccountId, AccountStatus, AccountType, CancellationReason, EntityId, PeriodId, RegistryId, SchemeId, TxType,
  UnitSelector, UnitStatus, UnitType,
} from './types.js';

export type Ratio = number | string;

/** A quantity limit evaluated per (entity, scheme, compliance period), in whole tonnes (floored). */
export type ComplianceLimit =
  | { kind: 'shareOfEmissions'; share: Ratio }
  | { kind: 'shareOfObligation'; share: Ratio }
  | { kind: 'tonnes'; tonnes: number };

export interface CompliancePeriodRule {
  id: PeriodId;
  /** First and last vintage year of the period (inclusive); a surrender may use vintages ≤ lastYear (banking). */
  firstYear: number;
  lastYear: number;
  /** When set, own-scheme units carrying another applicablePeriod are not valid for this period (U07). */
  applicablePeriod?: string;
}

export interface CreditLimitRule {
  id: string;
  /** Units counted toward this limit (a unit may count toward several limits). */
  appliesTo: readonly UnitSelector[];
  limit: ComplianceLimit;
  source?: string;
}

export interface BorrowingRule {
  /** How many vintages after the period's last year a surrender may reach (the spec's "t+1": 1). */
  maxVintagesAhead: number;
  /** Most future-vintage units one entity may surrender for one period (P10). */
  limit: ComplianceLimit;
  source?: string;
}

export interface ValidityRule {
  /** Units of this scheme the rule covers; omitted: all of them. */
  appliesTo?: UnitSelector;
  /** First instant at which the units can no longer be used (J-VER: end of FY2020 → instant('2021-04-01')). */
  usableUntil: Instant;
  source?: string;
}

/**
 * Counterparty restriction on transfers of the scheme's units (P09). `projectCoImplementers`: a unit with
 * projectId p may be transferred only to an account whose holder is a co-implementer of project p
 * (国内クレジット, seed 002 ch. 6 §2).
 */
export interface TransferRestrictionRule {
  kind: 'projectCoImplementers';
  source?: string;
}

/** Ex-ante units may be sold before confirmation only up to `share` of the ex-ante quantity received (P08). */
export interface AdvanceSaleRule {
  share: Ratio;
  source?: string;
}

/** Σ issued of the scheme's units matching the cap's fields + q ≤ tonnes (P01). */
export interface IssuanceCap {
  vintage?: number;
  applicablePeriod?: string;
  tonnes: number;
  source?: string;
}

export interface SchemeAccountIds {
  totalQuantity: AccountId;
  allocation: AccountId;
  auction: AccountId;
  reserve: AccountId;
  surrender: AccountId;
}

export interface SchemeRules {
  id: SchemeId;
  name?: string;
  /** Registry that issues the scheme's units (the units' origin). */
  registry: RegistryId;
  /** Unit type the scheme issues. */
  unitType: UnitType;
  /** Distribution and surrender accounts opened in `registry`; defaults `${id}/TOTAL_QUANTITY`, … `${id}/SURRENDER`. */
  accounts?: Partial<SchemeAccountIds>;
  caps?: readonly IssuanceCap[];
  compliancePeriods?: readonly CompliancePeriodRule[];
  /** Units this scheme accepts for compliance (P05); default: its own units only. */
  eligibleUnits?: readonly UnitSelector[];
  creditLimits?: readonly CreditLimitRule[];
  /** Absent: no borrowing (next-vintage units are P10 with limit 0; later vintages U07). */
  borrowing?: BorrowingRule;
  validity?: readonly ValidityRule[];
  transferRestriction?: TransferRestrictionRule;
  advanceSale?: AdvanceSaleRule;
  /** Window for REVERSE of this scheme's SURRENDER/DELETE/ALLOCATE, ms (EU: 5 working days; default 5 days). */
  reversalWindowMs?: number;
  /** Provenance of the numbers above: parameter path → source (and "[U]" when unverified). */
  sources?: Readonly<Record<string, string>>;
}

export interface CommitmentPeriodReserveRule {
  /** CPR = min(assignedAmountShare × assigned amount, inventoryMultiple × latest reviewed inventory) (11/CMP.1 [U]). */
  assignedAmountShare: Ratio;
  inventoryMultiple: Ratio;
  countedUnitTypes: readonly UnitType[];
  countedStatuses: readonly UnitStatus[];
}

/** A Kyoto Party's parameters, on its national registry. */
export interface PartyRules {
  party: string;
  /** Assigned amount for the commitment period, t. */
  assignedAmount: number;
  /** Most recent reviewed annual inventory, t. */
  latestReviewedInventory: number;
  /** Party meets the eligibility requirements for transfers (X02 PARTY_NOT_ELIGIBLE when false). */
  eligible?: boolean;
  cpr?: CommitmentPeriodReserveRule;
}

export type CarryOverLimit = { kind: 'tonnes'; tonnes: number } | { kind: 'shareOfAssignedAmount'; share: Ratio };

export interface CarryOverRule {
  id: string;
  units: UnitSelector;
  fromPeriod: string;
  toPeriod: string;
  /** Requests are accepted for opensAt ≤ at < closesAt. */
  window: { opensAt: Instant; closesAt: Instant };
  limit: CarryOverLimit;
  source?: string;
}

export interface ConversionRule {
  from: UnitSelector;
  toUnitType: UnitType;
  toScheme?: SchemeId;
}

export interface ReplacementRule {
  /** Units that can be replaced (tCER, lCER). */
  targets: UnitSelector;
  /** Units allowed to replace them (P12). */
  replacing: readonly UnitSelector[];
}

export interface AccountSpec {
  registry: RegistryId;
  id: AccountId;
  type: AccountType;
  /** Entity the account belongs to; defaults to the account id. */
  holder?: EntityId;
  status?: AccountStatus;
  /** Scheme a distribution or SURRENDER account belongs to. */
  scheme?: SchemeId;
  /** For CANCELLATION accounts: the sub-type (reason) they accept. */
  cancellationReason?: CancellationReason;
  /** Trusted account list (A09): when set, transfers out may only go to these `registry/account` keys. */
  trusted?: readonly string[];
}

export interface RegistryConfig {
  id: RegistryId;
  name?: string;
  /** Holdable unit matrix (EU Annex I style, A07): per account type, the units it may hold. */
  holdable: Partial<Record<AccountType, readonly UnitSelector[]>>;
  /** Units any account type without its own entry may hold; default: the union of all `holdable` entries. */
  defaultHoldable?: readonly UnitSelector[];
  party?: PartyRules;
  conversions?: readonly ConversionRule[];
  replacement?: ReplacementRule;
  carryOver?: readonly CarryOverRule[];
  /** Two-phase proposals older than this are terminated (S05), ms; default 24 h. */
  externalTimeoutMs?: number;
  /** A10: at most one pending transaction of a type per source account. */
  onePendingPerType?: boolean;
}

/** Directed link: units matching `units` may move from registry `from` to registry `to` (X02). */
export interface LinkRule {
  from: RegistryId;
  to: RegistryId;
  units: readonly UnitSelector[];
  source?: string;
}

export interface TxRoles {
  source: readonly AccountType[] | null;
  destination: readonly AccountType[] | null;
}

export interface RegistrySystemConfig {
  registries: readonly RegistryConfig[];
  schemes: readonly SchemeRules[];
  links?: readonly LinkRule[];
  accounts?: readonly AccountSpec[];
  /** Override of the default role matrix (A05/A06) for some transaction types. */
  txRoles?: Partial<Record<TxType, TxRoles>>;
}

const HOLDERS: readonly AccountType[] = ['PARTY_HOLDING', 'OPERATOR_HOLDING', 'TRADING', 'EXCHANGE'];
const DISTRIBUTION: readonly AccountType[] = ['TOTAL_QUANTITY', 'ALLOCATION', 'AUCTION', 'RESERVE'];

/** Default role matrix (§5.3/5.4): which account types may be the source and destination of each transaction type. */
export const DEFAULT_TX_ROLES: Readonly<Record<TxType, TxRoles>> = {
  ISSUE: { source: null, destination: ['TOTAL_QUANTITY', ...HOLDERS] },
  ALLOCATE: { source: ['ALLOCATION'], destination: ['OPERATOR_HOLDING'] },
  AUCTION_DELIVERY: { source: ['AUCTION'], destination: ['OPERATOR_HOLDING', 'TRADING', 'EXCHANGE'] },
  TRANSFER_INTERNAL: { source: [...DISTRIBUTION, ...HOLDERS], destination: ['ALLOCATION', 'AUCTION', 'RESERVE', ...HOLDERS] },
  TRANSFER_EXTERNAL: { source: HOLDERS, destination: HOLDERS },
  SURRENDER: { source: ['OPERATOR_HOLDING'], destination: ['SURRENDER'] },
  RETIRE: { source: HOLDERS, destination: ['RETIREMENT'] },
  CANCEL: { source: [...HOLDERS, ...DISTRIBUTION], destination: ['CANCELLATION'] },
  DELETE: { source: HOLDERS, destination: ['DELETION'] },
  INVALIDATE: { source: HOLDERS, destination: ['INVALIDATION'] },
  CONVERT: { source: HOLDERS, destination: null },
  CARRY_OVER: { source: HOLDERS, destination: null },
  EXPIRE: { source: null, destination: null },
  REPLACE: { source: HOLDERS, destination: ['REPLACEMENT'] },
  RETURN_EXCESS_ALLOCATION: { source: ['OPERATOR_HOLDING'], destination: ['ALLOCATION'] },
  REVERSE: { source: null, destination: null },
};

/** A03: transaction types an account in each status may originate ('ALL' or a list). */
export const SOURCE_STATUS_ALLOWS: Readonly<Record<AccountStatus, 'ALL' | readonly TxType[]>> = {
  OPEN: 'ALL',
  EXCLUDED: 'ALL',
  BLOCKED: ['SURRENDER'],
  SOME_RESTRICTED: ['TRANSFER_INTERNAL', 'SURRENDER', 'RETIRE', 'CANCEL', 'DELETE', 'INVALIDATE', 'CONVERT', 'CARRY_OVER', 'REPLACE', 'RETURN_EXCESS_ALLOCATION'],
  SUSPENDED: [],
  CLOSURE_PENDING: [],
  CLOSED: [],
  TRANSFER_PENDING: [],
};

/** A04: account statuses that cannot acquire units. */
export const CANNOT_ACQUIRE: ReadonlySet<AccountStatus> = new Set<AccountStatus>(['CLOSED', 'CLOSURE_PENDING', 'SUSPENDED', 'TRANSFER_PENDING']);

/** Default external-transfer timeout (S05): 24 h (EU 389/2013 Art. 104). */
export const DEFAULT_EXTERNAL_TIMEOUT_MS = 24 * 3_600_000;
/** Default reversal window (P11): 5 days (EU 389/2013 Art. 70 says 5 working days; calendars are not modelled). */
export const DEFAULT_REVERSAL_WINDOW_MS = 5 * 24 * 3_600_000;

/** An exact non-negative fraction. */
export interface Fraction {
  num: bigint;
  den: bigint;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i;
const FRACTION = /^(\d+)\s*\/\s*(\d+)$/;

/** Parses a Ratio exactly; `path` names the option in the error. */
export function parseRatio(value: Ratio, path: string): Fraction {
  const text = typeof value === 'number' ? String(value) : value.trim();
  if (typeof value === 'number' && (!Number.isFinite(value) || value < 0)) throw new RangeError(`${path}: must be a finite number ≥ 0, got ${value}`);
  const fraction = FRACTION.exec(text);
  if (fraction !== null) {
    const den = BigInt(fraction[2]!);
    if (den === 0n) throw new RangeError(`${path}: denominator is 0 in "${text}"`);
    return { num: BigInt(fraction[1]!), den };
  }
  const decimal = DECIMAL.exec(text);
  if (decimal === null) throw new RangeError(`${path}: expected a number ≥ 0, a decimal string or "a/b", got "${text}"`);
  const digits = decimal[2] ?? '';
  const exponent = Number(decimal[3] ?? 0) - digits.length;
  let num = BigInt(decimal[1]! + digits);
  let den = 1n;
  if (exponent >= 0) num *= 10n ** BigInt(exponent);
  else den = 10n ** BigInt(-exponent);
  return { num, den };
}

/** ⌊base × fraction⌋ for a whole-tonne base. */
export function floorTimes(base: number, fraction: Fraction): number {
  return Number((BigInt(base) * fraction.num) / fraction.den);
}

/** Whether quantity ≥ base × fraction, exactly. */
export function atLeast(quantity: number, base: number, fraction: Fraction): boolean {
  return BigInt(quantity) * fraction.den >= BigInt(base) * fraction.num;
}

/** S04: unit types a transaction type may move; types not listed accept any unit type (CONVERT and REPLACE are
 * further limited by the registry's conversion and replacement rules). */
export const TX_UNIT_TYPES: Partial<Record<TxType, readonly UnitType[]>> = {
  ALLOCATE: ['ALLOWANCE'],
  AUCTION_DELIVERY: ['ALLOWANCE'],
  RETURN_EXCESS_ALLOCATION: ['ALLOWANCE'],
};
