/**
 * Transactions (§5.4) and their checks (§5.5). `submit` evaluates a request against every rule in the fixed order
 * S → A → U → P → X without writing anything, and only then applies it: a rejected request leaves the system
 * bit-identical. An applied request moves serial ranges between holdings, updates the records it affects
 * (issued ranges, compliance, advance sales, carry-over, reversibility) and appends one entry to the log.
 *
 * Units are selected either explicitly (`blocks`: serial ranges) or by quantity (`unit`: a filter; the registry
 * takes the oldest vintage first, then the lowest serials). U02 is the check of a quantity selection; for explicit
 * ranges it is implied by U01/U03/U04 (every named serial must be held, ACTIVE and unlocked).
 */
import { reject, type Rejection } from './checkCodes.js';
import { MS_PER_HOUR, type Instant } from './instant.js';
import type { LogCompliance } from './log.js';
import {
  DEFAULT_REVERSAL_WINDOW_MS, SOURCE_STATUS_ALLOWS, TX_UNIT_TYPES, atLeast, floorTimes,
  type ComplianceLimit, type CompliancePeriodRule, type SchemeRules,
} from './rules.js';
import {
  accountKey, advanceKey, canAcquire, complianceKey, getAccount, getOrigin, holdableFor, holdingKey, internClass,
  isUsedTxId, totalsIndex,
  type Account, type ComplianceDelta, type Holding, type RegistryState, type RegistrySystem,
  type ReversibleRecord, type UnitClass,
} from './system.js';
import { BlockList } from './blockList.js';
import {
  CANCELLATION_REASONS, TERMINAL_STATUSES, matchesAny, matchesFilter, matchesSelector,
  type AccountRef, type CancellationReason, type PeriodId, type RegistryId, type SchemeId, type SerialRange, type TxId,
  type TxType, type UnitClassData, type UnitFilter, type UnitStatus, type UnitType,
} from './types.js';

/** How the units of a transaction are chosen: explicit serial ranges, or a quantity of units matching a filter. */
export interface SelectionSpec {
  /** Whole tonnes; with `blocks`, must equal Σ block sizes (S02). */
  quantity: number;
  blocks?: readonly SerialRange[];
  unit?: UnitFilter;
}

interface TxCommon {
  /** Caller-chosen id; omitted: the registry assigns `${registry}-${sequence}`. */
  id?: TxId;
  at: Instant;
}

export interface IssueRequest extends TxCommon {
  type: 'ISSUE';
  to: AccountRef;
  scheme: SchemeId;
  quantity: number;
  vintage: number;
  applicablePeriod?: string;
  projectId?: string;
  expiresAt?: Instant;
  /** 試行 ex-ante (事前交付) units, subject to the advance-sale limit (P08). */
  advance?: boolean;
  art6?: { authorizationId: string | null };
  /** First serial; omitted: the origin's next free serial. An explicit start is checked against every range ever issued (P02). */
  start?: number;
}

export interface MoveRequest extends TxCommon, SelectionSpec {
  type: 'ALLOCATE' | 'AUCTION_DELIVERY' | 'TRANSFER_INTERNAL' | 'TRANSFER_EXTERNAL' | 'RETURN_EXCESS_ALLOCATION' | 'DELETE';
  from: AccountRef;
  to: AccountRef;
}

/** The (scheme, compliance period) a use counts toward; the entity is the source account's holder. */
export interface ComplianceTarget {
  scheme: SchemeId;
  period: PeriodId;
}

export interface SurrenderRequest extends TxCommon, SelectionSpec {
  type: 'SURRENDER';
  from: AccountRef;
  to: AccountRef;
  compliance: ComplianceTarget;
}

export interface RetireRequest extends TxCommon, SelectionSpec {
  type: 'RETIRE';
  from: AccountRef;
  to: AccountRef;
  compliance?: ComplianceTarget;
  beneficiary?: string;
}

export interface InvalidateRequest extends TxCommon, SelectionSpec {
  type: 'INVALIDATE';
  from: AccountRef;
  to: AccountRef;
  /** GX: credits invalidated toward a period reduce 排出実績量; they count like a surrender (P04/P05 apply). */
  compliance?: ComplianceTarget;
}

export interface CancelRequest extends TxCommon, SelectionSpec {
  type: 'CANCEL';
  from: AccountRef;
  /** A CANCELLATION account whose sub-type is `reason` (A06 otherwise). */
  to: AccountRef;
  reason: CancellationReason;
}

export interface ConvertRequest extends TxCommon, SelectionSpec {
  type: 'CONVERT';
  from: AccountRef;
  /** In place: omitted or equal to `from` (A08 otherwise). */
  to?: AccountRef;
  toUnitType: UnitType;
  toScheme?: SchemeId;
}

export interface CarryOverRequest extends TxCommon, SelectionSpec {
  type: 'CARRY_OVER';
  from: AccountRef;
  to?: AccountRef;
  toPeriod: string;
}

export interface ReplaceRequest extends TxCommon, SelectionSpec {
  type: 'REPLACE';
  from: AccountRef;
  to: AccountRef;
  /** tCER/lCER ranges held ACTIVE by `from`, to be marked REPLACED; Σ sizes must equal `quantity` (P12). */
  targets: readonly SerialRange[];
}

export interface ReverseRequest extends TxCommon {
  type: 'REVERSE';
  refTx: TxId;
}

export type TxRequest =
  | IssueRequest | MoveRequest | SurrenderRequest | RetireRequest | InvalidateRequest | CancelRequest | ConvertRequest
  | CarryOverRequest | ReplaceRequest | ReverseRequest;

export interface AppliedRange {
  origin: RegistryId;
  start: number;
  end: number;
  unitType: UnitType;
  scheme: SchemeId;
  vintage: number;
}

export interface TxApplied {
  ok: true;
  txId: TxId;
  type: TxType;
  quantity: number;
  /** The serial ranges issued, moved or changed, with the class they now have. */
  ranges: AppliedRange[];
  /** COMMITTED, or PROPOSED for the first phase of a two-phase transfer. */
  phase: 'COMMITTED' | 'PROPOSED';
}

export type TxResult = TxApplied | Rejection;

/** A part of one holding selected by a transaction. */
export interface Piece {
  holding: Holding;
  account: Account;
  cls: UnitClass;
  start: number;
  end: number;
}

/** Attribute changes a transaction makes to the classes of the units it moves. */
export interface ClassPatch {
  clearAdvance?: boolean;
  firstTransfer?: boolean;
  markUsed?: boolean;
  unitType?: UnitType;
  scheme?: SchemeId;
  applicablePeriod?: string | null;
}

/** A transfer hands ex-ante units over as ordinary units (the P08 limit binds the original recipient only). */
export const INTERNAL_TRANSFER_PATCH: ClassPatch = Object.freeze({ clearAdvance: true });
/** An external transfer also marks the first international transfer of an ITMO (corresponding adjustment). */
export const EXTERNAL_TRANSFER_PATCH: ClassPatch = Object.freeze({ clearAdvance: true, firstTransfer: true });
/** A use (surrender, retirement, cancellation, invalidation) marks an ITMO as used (X04). */
export const USE_PATCH: ClassPatch = Object.freeze({ markUsed: true });

export interface Plan {
  type: TxType;
  txId: TxId | null;
  idRegistry: RegistryId;
  at: Instant;
  quantity: number;
  from: Account | null;
  to: Account | null;
  pieces: Piece[];
  destStatus: UnitStatus;
  reservedBy: TxId | null;
  patch: ClassPatch | null;
  issue: { data: UnitClassData; start: number; end: number; capKeys: string[] } | null;
  compliance: ComplianceUse[];
  /** Per-piece destination when the plan has several (aggregated transactions, their reversal). */
  pieceDest: Account[] | null;
  reversible: 'SURRENDER' | 'DELETE' | 'ALLOCATE' | null;
  advanceReceived: Map<string, number> | null;
  advanceSold: Map<string, number> | null;
  carry: { registry: RegistryState; ruleId: string; quantity: number } | null;
  targets: Piece[];
  reverse: ReversibleRecord | null;
  correspondingAdjustment: number;
  reason: string | null;
}

export function emptyPlan(type: TxType, request: { id?: TxId; at: Instant }, idRegistry: RegistryId): Plan {
  return {
    type, txId: request.id ?? null, idRegistry, at: request.at, quantity: 0, from: null, to: null, pieces: [],
    destStatus: 'ACTIVE', reservedBy: null, patch: null, issue: null, compliance: [], pieceDest: null,
    reversible: null, advanceReceived: null, advanceSold: null, carry: null, targets: [], reverse: null,
    correspondingAdjustment: 0, reason: null,
  };
}

export const USE_TYPES: ReadonlySet<TxType> = new Set<TxType>(['SURRENDER', 'RETIRE', 'CANCEL', 'INVALIDATE']);
export const TRANSFER_TYPES: ReadonlySet<TxType> = new Set<TxType>(['TRANSFER_INTERNAL', 'TRANSFER_EXTERNAL']);
const IN_PLACE_TYPES: ReadonlySet<TxType> = new Set<TxType>(['CONVERT', 'CARRY_OVER']);
export const DEST_STATUS: Partial<Record<TxType, UnitStatus>> = {
  SURRENDER: 'SURRENDERED', RETIRE: 'RETIRED', CANCEL: 'CANCELLED', DELETE: 'DELETED', INVALIDATE: 'INVALIDATED',
  REPLACE: 'CANCELLED',
};

export function size(r: { start: number; end: number }): number {
  return r.end - r.start + 1;
}

export function rangeText(origin: string, start: number, end: number): string {
  return start === end ? `${origin} #${start}` : `${origin} [${start}, ${end}]`;
}

// ---------------------------------------------------------------------------------------------------------------
// Selection

interface Resolution {
  pieces: Piece[];
  notHeld: number;
  reserved: number;
  reservedBy: TxId | null;
  terminal: number;
  reservedProblem: string | null;
  terminalProblem: string | null;
  /** Quantity selections: tonnes missing from the available ACTIVE balance. */
  shortBy: number;
  available: number;
}

function emptyResolution(): Resolution {
  return { pieces: [], notHeld: 0, reserved: 0, reservedBy: null, terminal: 0, reservedProblem: null, terminalProblem: null, shortBy: 0, available: 0 };
}

function holdingsOfOrigin(system: RegistrySystem, account: Account, origin: RegistryId): Holding[] {
  const out: Holding[] = [];
  for (const holding of account.holdings.values()) if (system.classes[holding.classId]!.origin === origin) out.push(holding);
  for (const list of account.reserved.values()) for (const holding of list) if (system.classes[holding.classId]!.origin === origin) out.push(holding);
  return out;
}

/** Resolves explicit ranges against `account`; serials in `expected` status become pieces, the rest are classified. */
export function resolveExplicit(system: RegistrySystem, account: Account, ranges: readonly SerialRange[], expected: UnitStatus): Resolution {
  const result = emptyResolution();
  for (const range of ranges) {
    const holdings = holdingsOfOrigin(system, account, range.origin);
    let cursor = range.start;
    while (cursor <= range.end) {
      let hit = false;
      let nextStart = Infinity;
      for (const holding of holdings) {
        const blocks = holding.blocks;
        const i = blocks.floorIndex(cursor);
        if (i >= blocks.head && blocks.ends[i]! >= cursor) {
          const hi = Math.min(range.end, blocks.ends[i]!);
          const n = hi - cursor + 1;
          if (holding.status === expected) {
            result.pieces.push({ holding, account, cls: system.classes[holding.classId]!, start: cursor, end: hi });
          } else if (holding.status === 'RESERVED') {
            result.reserved += n;
            result.reservedBy ??= holding.reservedBy;
            result.reservedProblem ??= `${rangeText(range.origin, cursor, hi)} is reserved by pending transaction ${holding.reservedBy}`;
          } else if (TERMINAL_STATUSES.has(holding.status)) {
            result.terminal += n;
            result.terminalProblem ??= `${rangeText(range.origin, cursor, hi)} is ${holding.status}`;
          } else {
            result.notHeld += n;
          }
          cursor = hi + 1;
          hit = true;
          break;
        }
        const next = i + 1 < blocks.starts.length ? blocks.starts[i + 1]! : Infinity;
        if (next < nextStart) nextStart = next;
      }
      if (!hit) {
        const hi = Math.min(range.end, nextStart - 1);
        result.notHeld += hi - cursor + 1;
        cursor = hi + 1;
      }
    }
  }
  return result;
}

/** Picks `quantity` ACTIVE units matching `filter`: oldest vintage first, then class, then lowest serial. */
export function resolveByFilter(system: RegistrySystem, account: Account, filter: UnitFilter, quantity: number): Resolution {
  const result = emptyResolution();
  const candidates: Holding[] = [];
  for (const holding of account.holdings.values()) {
    if (holding.status === 'ACTIVE' && holding.blocks.total > 0 && matchesFilter(system.classes[holding.classId]!, filter)) candidates.push(holding);
  }
  if (candidates.length > 1) {
    candidates.sort((a, b) => system.classes[a.classId]!.vintage - system.classes[b.classId]!.vintage || a.classId - b.classId);
  }
  let left = quantity;
  for (const holding of candidates) {
    result.available += holding.blocks.total;
    if (left === 0) continue;
    const cls = system.classes[holding.classId]!;
    const { starts, ends } = holding.blocks;
    for (let i = holding.blocks.head; i < starts.length && left > 0; i++) {
      const n = Math.min(left, ends[i]! - starts[i]! + 1);
      result.pieces.push({ holding, account, cls, start: starts[i]!, end: starts[i]! + n - 1 });
      left -= n;
    }
  }
  result.shortBy = left;
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Structural checks

function selectionProblem(spec: SelectionSpec): string | null {
  if (!Number.isSafeInteger(spec.quantity) || spec.quantity <= 0) return `quantity must be a positive whole number of tonnes, got ${spec.quantity}`;
  if (spec.blocks === undefined) {
    if (spec.unit === undefined) return 'give either blocks (serial ranges) or unit (a filter) to select units';
    return null;
  }
  if (spec.blocks.length === 0) return 'blocks is empty';
  let sum = 0;
  for (const [k, block] of spec.blocks.entries()) {
    if (!Number.isSafeInteger(block.start) || !Number.isSafeInteger(block.end) || block.start < 1) return `blocks[${k}]: start and end must be whole serials ≥ 1, got [${block.start}, ${block.end}]`;
    if (block.start > block.end) return `blocks[${k}]: start ${block.start} > end ${block.end}`;
    sum += size(block);
  }
  if (sum !== spec.quantity) return `Σ block sizes ${sum} ≠ quantity ${spec.quantity}`;
  const sorted = [...spec.blocks].sort((a, b) => (a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : a.start - b.start));
  for (let k = 1; k < sorted.length; k++) {
    const a = sorted[k - 1]!, b = sorted[k]!;
    if (a.origin === b.origin && b.start <= a.end) return `blocks overlap: ${rangeText(a.origin, a.start, a.end)} and ${rangeText(b.origin, b.start, b.end)} (sizes sum to the quantity but count serials twice)`;
  }
  return null;
}

function mixedProblem(pieces: readonly Piece[]): string | null {
  const first = pieces[0];
  if (first === undefined) return null;
  for (const piece of pieces) {
    if (piece.cls.unitType !== first.cls.unitType) return `one transaction moves one unit type; got ${first.cls.unitType} and ${piece.cls.unitType}`;
    if (piece.cls.applicablePeriod !== first.cls.applicablePeriod) return `one transaction moves one applicable period; got ${first.cls.applicablePeriod ?? 'none'} and ${piece.cls.applicablePeriod ?? 'none'}`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Account checks

export function sourceStatusAllows(account: Account, type: TxType): boolean {
  const allowed = SOURCE_STATUS_ALLOWS[account.status];
  return allowed === 'ALL' || allowed.includes(type);
}

export function patchClass(cls: UnitClassData, patch: ClassPatch | null): UnitClassData {
  if (patch === null) return cls;
  const needs =
    (patch.clearAdvance === true && cls.advance) ||
    (patch.firstTransfer === true && cls.art6 !== null && !cls.art6.firstTransferred) ||
    (patch.markUsed === true && cls.art6 !== null && !cls.art6.used) ||
    (patch.unitType !== undefined && patch.unitType !== cls.unitType) ||
    (patch.scheme !== undefined && patch.scheme !== cls.scheme) ||
    (patch.applicablePeriod !== undefined && patch.applicablePeriod !== cls.applicablePeriod);
  if (!needs) return cls;
  return {
    origin: cls.origin,
    unitType: patch.unitType ?? cls.unitType,
    scheme: patch.scheme ?? cls.scheme,
    vintage: cls.vintage,
    applicablePeriod: patch.applicablePeriod !== undefined ? patch.applicablePeriod : cls.applicablePeriod,
    projectId: cls.projectId,
    expiresAt: cls.expiresAt,
    advance: patch.clearAdvance === true ? false : cls.advance,
    art6: cls.art6 === null ? null : {
      authorizationId: cls.art6.authorizationId,
      firstTransferred: cls.art6.firstTransferred || patch.firstTransfer === true,
      used: cls.art6.used || patch.markUsed === true,
    },
  };
}

export function holdsProblem(system: RegistrySystem, to: Account, data: readonly UnitClassData[]): string | null {
  const registry = system.registries.get(to.registry)!;
  const selectors = holdableFor(registry.config, to.type);
  for (const cls of data) {
    if (!matchesAny(cls, selectors)) return `${to.type} account ${accountKey(to)} cannot hold ${cls.unitType} of scheme ${cls.scheme} (origin ${cls.origin})`;
  }
  return null;
}

export interface AccountCheckOptions {
  /** Account types per role (null: role not used). */
  sourceRoles: readonly string[] | null;
  destRoles: readonly string[] | null;
}

/** A01–A09 for a request with a source and/or destination. */
export function accountChecks(
  type: TxType, fromRef: AccountRef | Account | undefined, toRef: AccountRef | Account | undefined,
  from: Account | undefined, to: Account | undefined, roles: AccountCheckOptions, inPlace: boolean,
): Rejection | null {
  if (fromRef !== undefined && from === undefined) return reject('A01', `source account ${accountKey(fromRef)} not found`);
  if (toRef !== undefined && to === undefined && !inPlace) return reject('A02', `destination account ${accountKey(toRef)} not found`);
  if (from !== undefined && !sourceStatusAllows(from, type)) return reject('A03', `source account ${accountKey(from)} is ${from.status}: ${type} not allowed`);
  const dest = inPlace ? from : to;
  if (dest !== undefined && !inPlace && !canAcquire(dest.status)) return reject('A04', `destination account ${accountKey(dest)} is ${dest.status} and cannot acquire units`);
  if (from !== undefined && roles.sourceRoles !== null && !roles.sourceRoles.includes(from.type)) return reject('A05', `${type} cannot originate from a ${from.type} account (${accountKey(from)})`);
  if (to !== undefined && !inPlace && roles.destRoles !== null && !roles.destRoles.includes(to.type)) return reject('A06', `${type} cannot go to a ${to.type} account (${accountKey(to)})`);
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Policy helpers

function periodOf(scheme: SchemeRules, period: PeriodId): CompliancePeriodRule | undefined {
  return scheme.compliancePeriods?.find((p) => p.id === period);
}

export function complianceLimitValue(system: RegistrySystem, limit: ComplianceLimit, ratioKey: string, record: { verifiedEmissions: number | null; obligation: number | null } | undefined): number {
  if (limit.kind === 'tonnes') return limit.tonnes;
  const fraction = system.config.ratios.get(ratioKey)!;
  const base = limit.kind === 'shareOfEmissions' ? record?.verifiedEmissions ?? 0 : record?.obligation ?? 0;
  return floorTimes(base, fraction);
}

/** U07 for a use counted toward (scheme, period): own-scheme units must be valid for the period. */
export function complianceUnitCheck(system: RegistrySystem, target: ComplianceTarget, pieces: readonly Piece[]): Rejection | null {
  const scheme = system.config.schemes.get(target.scheme)!;
  const period = periodOf(scheme, target.period)!;
  const maxAhead = scheme.borrowing?.maxVintagesAhead ?? 1;
  for (const piece of pieces) {
    if (piece.cls.scheme !== scheme.id) continue;
    if (period.applicablePeriod !== undefined && piece.cls.applicablePeriod !== null && piece.cls.applicablePeriod !== period.applicablePeriod) {
      return reject('U07', `${rangeText(piece.cls.origin, piece.start, piece.end)} is valid in ${piece.cls.applicablePeriod}, period ${period.id} needs ${period.applicablePeriod}`);
    }
    if (piece.cls.vintage > period.lastYear + maxAhead) {
      return reject('U07', `${rangeText(piece.cls.origin, piece.start, piece.end)} has vintage ${piece.cls.vintage}; period ${period.id} accepts vintages up to ${period.lastYear} (+${maxAhead} by borrowing)`);
    }
  }
  return null;
}

/** Shared, frozen "no credit limit touched" map (most uses are allowances only). */
const NO_LIMITS: Record<string, number> = Object.freeze({}) as Record<string, number>;

export interface ComplianceUse {
  key: string;
  entity: string;
  scheme: SchemeId;
  period: PeriodId;
  delta: ComplianceDelta;
}

/** P03/P04/P05/P10 for one entity's use toward (scheme, period). Returns what it adds to the record, or a rejection. */
export function compliancePolicyChecks(
  system: RegistrySystem, type: TxType, target: ComplianceTarget, entity: string, pieces: readonly Piece[],
): ComplianceUse | Rejection {
  const scheme = system.config.schemes.get(target.scheme)!;
  const period = periodOf(scheme, target.period)!;
  const key = complianceKey(entity, scheme.id, period.id);
  const record = system.compliance.get(key);
  const delta: ComplianceDelta = { allowances: 0, credits: 0, creditsByLimit: NO_LIMITS, borrowed: 0 };
  const limits = scheme.creditLimits ?? [];
  for (const piece of pieces) {
    const n = size(piece);
    if (piece.cls.unitType === 'ALLOWANCE') delta.allowances += n; else delta.credits += n;
    if (piece.cls.scheme === scheme.id && piece.cls.vintage > period.lastYear) delta.borrowed += n;
    for (const limit of limits) {
      if (!matchesAny(piece.cls, limit.appliesTo)) continue;
      if (delta.creditsByLimit === NO_LIMITS) delta.creditsByLimit = {};
      delta.creditsByLimit[limit.id] = (delta.creditsByLimit[limit.id] ?? 0) + n;
    }
  }
  // P03: a deleted serial is never surrendered (currently SURRENDERED/DELETED serials were refused by U04).
  if (type === 'SURRENDER') {
    for (const piece of pieces) {
      const origin = system.origins.get(piece.cls.origin);
      if (origin !== undefined && origin.barredFromSurrender.total > 0 && origin.barredFromSurrender.overlaps(piece.start, piece.end)) {
        return reject('P03', `${rangeText(piece.cls.origin, piece.start, piece.end)} was deleted (the deletion was reversed): it can never be surrendered`);
      }
    }
  }
  // P04: credit limits.
  for (const limit of limits) {
    const adding = delta.creditsByLimit[limit.id] ?? 0;
    if (adding === 0) continue;
    const used = record?.creditsByLimit[limit.id] ?? 0;
    const max = complianceLimitValue(system, limit.limit, `schemes.${scheme.id}.creditLimits.${limit.id}`, record);
    if (used + adding > max) {
      return reject('P04', `credit limit "${limit.id}" of ${scheme.id} ${period.id}: ${used} t used + ${adding} t > ${max} t allowed for ${entity}`);
    }
  }
  // P05: eligibility in the surrendering scheme.
  const eligible = scheme.eligibleUnits ?? [{ schemes: [scheme.id] }];
  for (const piece of pieces) {
    if (!matchesAny(piece.cls, eligible)) {
      return reject('P05', `${piece.cls.unitType} of scheme ${piece.cls.scheme} (vintage ${piece.cls.vintage}) is not eligible in ${scheme.id}`);
    }
  }
  // P10: borrowing (next-vintage units) within the limit.
  if (delta.borrowed > 0) {
    const max = scheme.borrowing === undefined ? 0 : complianceLimitValue(system, scheme.borrowing.limit, `schemes.${scheme.id}.borrowing`, record);
    const used = record?.borrowed ?? 0;
    if (used + delta.borrowed > max) {
      return reject('P10', `borrowing for ${scheme.id} ${period.id}: ${used} t + ${delta.borrowed} t of vintage > ${period.lastYear} exceeds ${max} t for ${entity}`);
    }
  }
  return { key, entity, scheme: scheme.id, period: period.id, delta };
}

function cprProblem(system: RegistrySystem, registry: RegistryState, pieces: readonly Piece[]): string | null {
  const party = registry.config.party;
  const cpr = party?.cpr;
  if (party === undefined || cpr === undefined) return null;
  let moved = 0;
  for (const piece of pieces) if (cpr.countedUnitTypes.includes(piece.cls.unitType)) moved += size(piece);
  if (moved === 0) return null;
  let holdings = 0;
  for (const unitType of cpr.countedUnitTypes) for (const status of cpr.countedStatuses) holdings += registry.totals[totalsIndex(unitType, status)]!;
  const after = holdings - moved;
  const share = system.config.ratios.get(`${registry.id}.cpr.assignedAmountShare`)!;
  const multiple = system.config.ratios.get(`${registry.id}.cpr.inventoryMultiple`)!;
  if (after >= 0 && (atLeast(after, party.assignedAmount, share) || atLeast(after, party.latestReviewedInventory, multiple))) return null;
  const a = (party.assignedAmount * Number(share.num)) / Number(share.den);
  const b = (party.latestReviewedInventory * Number(multiple.num)) / Number(multiple.den);
  return `${registry.id} holdings after transfer ${after} t < commitment period reserve min(${a}, ${b}) = ${Math.min(a, b)} t`;
}

export function art6Checks(type: TxType, pieces: readonly Piece[]): Rejection | null {
  if (type !== 'TRANSFER_EXTERNAL' && !USE_TYPES.has(type)) return null;
  for (const piece of pieces) {
    const art6 = piece.cls.art6;
    if (art6 === null) continue;
    if (art6.authorizationId === null) return reject('X03', `${rangeText(piece.cls.origin, piece.start, piece.end)} is an ITMO without authorization: no first transfer or use`);
  }
  for (const piece of pieces) {
    const art6 = piece.cls.art6;
    if (art6 !== null && art6.used) return reject('X04', `${rangeText(piece.cls.origin, piece.start, piece.end)} is an ITMO already used or cancelled (authorization ${art6.authorizationId})`);
  }
  return null;
}

function linkProblem(system: RegistrySystem, from: RegistryId, to: RegistryId, pieces: readonly Piece[]): Rejection | null {
  for (const registryId of [from, to]) {
    const party = system.registries.get(registryId)!.config.party;
    if (party !== undefined && party.eligible === false) return reject('X02', `Party ${party.party} (${registryId}) does not meet the eligibility requirements`, 'PARTY_NOT_ELIGIBLE');
  }
  for (const piece of pieces) {
    const linked = system.config.links.some((link) => link.from === from && link.to === to && matchesAny(piece.cls, link.units));
    if (!linked) return reject('X02', `no link ${from} → ${to} for ${piece.cls.unitType} of scheme ${piece.cls.scheme}`);
  }
  return null;
}

export function addTo(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation: all checks, no writes.

export function evaluate(system: RegistrySystem, request: TxRequest): Plan | Rejection {
  // S01
  if (request.id !== undefined && isUsedTxId(system, request.id)) return reject('S01', `transaction id ${request.id} was already used`);
  switch (request.type) {
    case 'ISSUE': return evaluateIssue(system, request);
    case 'REVERSE': return evaluateReverse(system, request);
    default: return evaluateMove(system, request);
  }
}

function evaluateIssue(system: RegistrySystem, request: IssueRequest): Plan | Rejection {
  if (!Number.isSafeInteger(request.quantity) || request.quantity <= 0) return reject('S02', `quantity must be a positive whole number of tonnes, got ${request.quantity}`);
  if (request.start !== undefined && (!Number.isSafeInteger(request.start) || request.start < 1 || !Number.isSafeInteger(request.start + request.quantity - 1))) {
    return reject('S02', `start must be a whole serial ≥ 1, got ${request.start}`);
  }
  if (!Number.isSafeInteger(request.vintage)) return reject('S02', `vintage must be a whole year, got ${request.vintage}`);
  const scheme = system.config.schemes.get(request.scheme);
  if (scheme === undefined) return reject('S04', `unknown scheme ${request.scheme}: nothing to issue`);
  const to = getAccount(system, request.to);
  const roles = system.config.roles.ISSUE;
  const data: UnitClassData = {
    origin: scheme.registry, unitType: scheme.unitType, scheme: scheme.id, vintage: request.vintage,
    applicablePeriod: request.applicablePeriod ?? null, projectId: request.projectId ?? null, expiresAt: request.expiresAt ?? null,
    advance: request.advance === true,
    art6: request.art6 === undefined ? null : { authorizationId: request.art6.authorizationId, firstTransferred: false, used: false },
  };
  const accountRejection = accountChecks('ISSUE', undefined, request.to, undefined, to, { sourceRoles: null, destRoles: roles.destination }, false);
  if (accountRejection !== null) return accountRejection;
  const dest = to!;
  if (dest.registry === scheme.registry) {
    const holds = holdsProblem(system, dest, [data]);
    if (holds !== null) return reject('A07', holds);
  }
  // P01: caps.
  const capKeys: string[] = [];
  for (const [index, cap] of (scheme.caps ?? []).entries()) {
    if (cap.vintage !== undefined && cap.vintage !== data.vintage) continue;
    if (cap.applicablePeriod !== undefined && cap.applicablePeriod !== data.applicablePeriod) continue;
    const key = `${scheme.id}#${index}`;
    const issued = system.issuedByCap.get(key) ?? 0;
    if (issued + request.quantity > cap.tonnes) {
      return reject('P01', `issuing ${request.quantity} t of ${scheme.id} (vintage ${data.vintage}${data.applicablePeriod === null ? '' : `, ${data.applicablePeriod}`}) over the cap: ${issued} t issued of ${cap.tonnes} t`);
    }
    capKeys.push(key);
  }
  // P02: never issue a serial twice.
  const origin = system.origins.get(scheme.registry);
  const start = request.start ?? origin?.nextSerial ?? 1;
  const end = start + request.quantity - 1;
  if (origin !== undefined && origin.issued.overlaps(start, end)) {
    return reject('P02', `${rangeText(scheme.registry, start, end)} intersects serials already issued by ${scheme.registry}`);
  }
  // X01: a scheme issues only in its own registry.
  if (dest.registry !== scheme.registry) return reject('X01', `${scheme.id} units are issued by ${scheme.registry}, not into ${dest.registry}`, 'SAME_REGISTRY_REQUIRED');
  const plan = emptyPlan('ISSUE', request, scheme.registry);
  plan.quantity = request.quantity;
  plan.to = dest;
  plan.issue = { data, start, end, capKeys };
  if (data.advance) plan.advanceReceived = new Map([[advanceKey(dest.registry, dest.id, scheme.id), request.quantity]]);
  return plan;
}

function evaluateReverse(system: RegistrySystem, request: ReverseRequest): Plan | Rejection {
  const record = system.reversible.get(request.refTx);
  // The selection of a REVERSE is the units of its reference: an unknown, irreversible or spent reference has none.
  if (record === undefined) return reject('P11', `${request.refTx} is not a SURRENDER, DELETE or ALLOCATE that can still be reversed (unknown, or its window closed)`);
  if (record.reversed) return reject('P11', `${request.refTx} was already reversed`, 'ALREADY_REVERSED');
  const expected: UnitStatus = record.type === 'ALLOCATE' ? 'ACTIVE' : record.type === 'SURRENDER' ? 'SURRENDERED' : 'DELETED';
  const registry = system.registries.get(record.registry)!;
  // Group the record's ranges by (current holder, original source), keeping their order.
  const groups = new Map<string, { holder: Account; back: Account; ranges: SerialRange[] }>();
  for (let k = 0; k < record.starts.length; k++) {
    const key = `${record.toAccounts[k]}\u0000${record.fromAccounts[k]}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { holder: registry.accounts.get(record.toAccounts[k]!)!, back: registry.accounts.get(record.fromAccounts[k]!)!, ranges: [] };
      groups.set(key, group);
    }
    group.ranges.push({ origin: system.classes[record.classIds[k]!]!.origin, start: record.starts[k]!, end: record.ends[k]! });
  }
  for (const { holder, back } of groups.values()) {
    if (record.type === 'ALLOCATE' && !sourceStatusAllows(holder, 'REVERSE')) return reject('A03', `account ${accountKey(holder)} is ${holder.status}: the allocation cannot be taken back`);
    if (!canAcquire(back.status)) return reject('A04', `account ${accountKey(back)} is ${back.status} and cannot take the units back`);
  }
  const pieces: Piece[] = [];
  const pieceDest: Account[] = [];
  for (const { holder, back, ranges } of groups.values()) {
    const resolution = resolveExplicit(system, holder, ranges, expected);
    const unitRejection = explicitUnitRejection(resolution);
    if (unitRejection !== null) return unitRejection;
    for (const piece of resolution.pieces) { pieces.push(piece); pieceDest.push(back); }
  }
  const window = system.config.schemes.get(record.unitScheme)?.reversalWindowMs ?? DEFAULT_REVERSAL_WINDOW_MS;
  if (request.at - record.at > window) {
    return reject('P11', `reversal of ${record.id} requested ${((request.at - record.at) / MS_PER_HOUR).toFixed(3)} h after it; the window is ${window / MS_PER_HOUR} h`);
  }
  const plan = emptyPlan('REVERSE', request, record.registry);
  plan.from = pieces[0]?.account ?? null;
  plan.to = pieceDest[0] ?? null;
  plan.pieces = pieces;
  plan.pieceDest = pieceDest;
  plan.quantity = pieces.reduce((n, p) => n + size(p), 0);
  plan.destStatus = 'ACTIVE';
  plan.reverse = record;
  return plan;
}

export function explicitUnitRejection(resolution: Resolution): Rejection | null {
  if (resolution.notHeld > 0) return reject('U01', `${resolution.notHeld} of the selected serials are not held by the source account`);
  if (resolution.reserved > 0) return reject('U03', resolution.reservedProblem!);
  if (resolution.terminal > 0) return reject('U04', resolution.terminalProblem!);
  return null;
}

type MoveLike = Exclude<TxRequest, IssueRequest | ReverseRequest>;

function evaluateMove(system: RegistrySystem, request: MoveLike): Plan | Rejection {
  const type = request.type;
  // S02
  const selection = selectionProblem(request);
  if (selection !== null) return reject('S02', selection);
  if (type === 'REPLACE') {
    for (const [k, t] of request.targets.entries()) {
      if (!Number.isSafeInteger(t.start) || !Number.isSafeInteger(t.end) || t.start < 1 || t.start > t.end) return reject('S02', `targets[${k}]: not a serial range [${t.start}, ${t.end}]`);
    }
  }
  const inPlace = IN_PLACE_TYPES.has(type);
  const from = getAccount(system, request.from);
  const toRef = request.to;
  const to = inPlace ? from : toRef === undefined ? undefined : getAccount(system, toRef);
  const fromRegistry = from === undefined ? undefined : system.registries.get(from.registry)!;

  // Resolve the selection (reads only).
  let resolution = emptyResolution();
  if (from !== undefined) {
    resolution = request.blocks !== undefined
      ? resolveExplicit(system, from, request.blocks, 'ACTIVE')
      : resolveByFilter(system, from, request.unit!, request.quantity);
  }
  const pieces = resolution.pieces;
  let targets: Resolution | null = null;
  if (type === 'REPLACE' && from !== undefined) targets = resolveExplicit(system, from, request.targets, 'ACTIVE');

  // S03
  const mixed = mixedProblem(pieces);
  if (mixed !== null) return reject('S03', mixed);
  // S04
  const allowedTypes = TX_UNIT_TYPES[type];
  if (allowedTypes !== undefined) {
    const unitType = request.blocks === undefined ? request.unit!.unitType : pieces[0]?.cls.unitType;
    if (unitType !== undefined && !allowedTypes.includes(unitType)) return reject('S04', `${type} cannot move ${unitType} units`);
  }
  if (type === 'CANCEL' && !(CANCELLATION_REASONS as readonly string[]).includes(request.reason)) return reject('S04', `unknown cancellation reason "${request.reason}"`);
  let patch: ClassPatch | null = null;
  if (type === 'CONVERT' && fromRegistry !== undefined) {
    for (const piece of pieces) {
      const rule = (fromRegistry.config.conversions ?? []).find((c) => c.toUnitType === request.toUnitType && (request.toScheme === undefined || c.toScheme === request.toScheme) && matchesSelector(piece.cls, c.from));
      if (rule === undefined) return reject('S04', `${fromRegistry.id} has no conversion of ${piece.cls.unitType} (${piece.cls.scheme}) to ${request.toUnitType}`);
      patch = { unitType: request.toUnitType, ...(rule.toScheme === undefined ? {} : { scheme: rule.toScheme }) };
    }
  }
  if (type === 'REPLACE' && fromRegistry !== undefined && targets !== null) {
    const rule = fromRegistry.config.replacement;
    for (const piece of targets.pieces) {
      if (rule === undefined || !matchesSelector(piece.cls, rule.targets)) return reject('S04', `${piece.cls.unitType} units cannot be replaced in ${fromRegistry.id}`);
    }
  }

  // How the moved units' class changes at the destination (needed for A07).
  if (type === 'CARRY_OVER') patch = { applicablePeriod: request.toPeriod };
  if (type === 'TRANSFER_INTERNAL') patch = INTERNAL_TRANSFER_PATCH;
  if (type === 'TRANSFER_EXTERNAL') patch = EXTERNAL_TRANSFER_PATCH;
  if (USE_TYPES.has(type)) patch = USE_PATCH;
  // A01–A07
  const destClasses = pieces.map((p) => patchClass(p.cls, patch));
  const roles = system.config.roles[type];
  const accountRejection = accountChecks(type, request.from, toRef, from, to, { sourceRoles: roles.source, destRoles: roles.destination }, inPlace);
  if (accountRejection !== null) return accountRejection;
  const source = from!;
  const dest = to!;
  if (type === 'SURRENDER') {
    const scheme = system.config.schemes.get(request.compliance.scheme);
    if (scheme === undefined || dest.scheme !== scheme.id) return reject('A06', `${accountKey(dest)} is not the surrender account of scheme ${request.compliance.scheme}`);
  }
  if (type === 'CANCEL' && dest.cancellationReason !== request.reason) return reject('A06', `${accountKey(dest)} is a CANCELLATION{${dest.cancellationReason ?? '?'}} account, not CANCELLATION{${request.reason}}`);
  const holds = holdsProblem(system, dest, destClasses);
  if (holds !== null) return reject('A07', holds);
  // A08
  if (inPlace) {
    if (toRef !== undefined && accountKey(toRef) !== accountKey(source)) return reject('A08', `${type} is in place: destination must be the source account ${accountKey(source)}`);
  } else if (source === dest) {
    return reject('A08', `source and destination are the same account ${accountKey(source)}`);
  }
  // A09
  if (TRANSFER_TYPES.has(type) && source.trusted !== null && !source.trusted.includes(accountKey(dest))) {
    return reject('A09', `${accountKey(dest)} is not on the trusted account list of ${accountKey(source)}`);
  }
  // A10
  if (type === 'TRANSFER_EXTERNAL' && fromRegistry!.config.onePendingPerType === true) {
    for (const pending of system.pending.values()) {
      if (pending.type === type && pending.from.registry === source.registry && pending.from.account === source.id) {
        return reject('A10', `${accountKey(source)} already has pending ${type} ${pending.id}`);
      }
    }
  }

  // U01–U04 (explicit) / U02 (quantity)
  if (request.blocks !== undefined) {
    const unitRejection = explicitUnitRejection(resolution);
    if (unitRejection !== null) return unitRejection;
  } else if (resolution.shortBy > 0) {
    return reject('U02', `${accountKey(source)} has ${resolution.available} t of ACTIVE ${request.unit!.unitType}${request.unit!.scheme === undefined ? '' : ` (${request.unit!.scheme})`} matching the selection, ${request.quantity} t requested`);
  }
  if (targets !== null) {
    const targetRejection = explicitUnitRejection(targets);
    if (targetRejection !== null) return targetRejection;
  }
  const allPieces = targets === null ? pieces : [...pieces, ...targets.pieces];
  // U05
  for (const piece of allPieces) {
    const origin = system.origins.get(piece.cls.origin);
    if (origin !== undefined && origin.frozen.total > 0 && origin.frozen.overlaps(piece.start, piece.end)) {
      return reject('U05', `${rangeText(piece.cls.origin, piece.start, piece.end)} is frozen by an unresolved discrepancy`);
    }
  }
  // U06
  for (const piece of allPieces) {
    if (piece.cls.effectiveExpiry !== null && request.at >= piece.cls.effectiveExpiry) {
      return reject('U06', `${rangeText(piece.cls.origin, piece.start, piece.end)} (${piece.cls.scheme}, vintage ${piece.cls.vintage}) expired at ${new Date(piece.cls.effectiveExpiry).toISOString().slice(0, 16)}`);
    }
  }
  // U07 (+ compliance P checks, which need the period)
  let compliance: ComplianceUse | null = null;
  const target = type === 'SURRENDER' || type === 'RETIRE' || type === 'INVALIDATE' ? request.compliance : undefined;
  if (target !== undefined) {
    const scheme = system.config.schemes.get(target.scheme);
    if (scheme === undefined) return reject('A06', `unknown compliance scheme ${target.scheme}`);
    if (periodOf(scheme, target.period) === undefined) return reject('U07', `scheme ${scheme.id} has no compliance period ${target.period}`);
  }
  let carryRule: { ruleId: string; limitMax: number; used: number } | null = null;
  if (type === 'CARRY_OVER') {
    const rules = (fromRegistry!.config.carryOver ?? []).filter((r) => r.toPeriod === request.toPeriod && pieces.every((p) => matchesSelector(p.cls, r.units)));
    const rule = rules.find((r) => pieces.every((p) => p.cls.applicablePeriod === r.fromPeriod));
    if (rules.length > 0 && rule === undefined) {
      const piece = pieces.find((p) => !rules.some((r) => r.fromPeriod === p.cls.applicablePeriod))!;
      return reject('U07', `${rangeText(piece.cls.origin, piece.start, piece.end)} is valid in ${piece.cls.applicablePeriod ?? 'no period'}; carry-over to ${request.toPeriod} is from ${rules.map((r) => r.fromPeriod).join(' or ')}`);
    }
    if (rule === undefined) return reject('P06', `${fromRegistry!.id} allows no carry-over of ${pieces[0]?.cls.unitType ?? request.unit?.unitType} into ${request.toPeriod}`);
    if (request.at < rule.window.opensAt || request.at >= rule.window.closesAt) {
      return reject('P06', `carry-over "${rule.id}" is accepted from ${new Date(rule.window.opensAt).toISOString().slice(0, 10)} until (excluding) ${new Date(rule.window.closesAt).toISOString().slice(0, 10)}`);
    }
    const party = fromRegistry!.config.party;
    const limitMax = rule.limit.kind === 'tonnes' ? rule.limit.tonnes : floorTimes(party!.assignedAmount, system.config.ratios.get(`${fromRegistry!.id}.carryOver.${rule.id}`)!);
    carryRule = { ruleId: rule.id, limitMax, used: fromRegistry!.carried.get(rule.id) ?? 0 };
  }
  if (target !== undefined) {
    const periodProblem = complianceUnitCheck(system, target, pieces);
    if (periodProblem !== null) return periodProblem;
  }
  if (target !== undefined) {
    const checked = compliancePolicyChecks(system, type, target, source.holder, pieces);
    if ('ok' in checked) return checked;
    compliance = checked;
  }
  // P06 (limit)
  if (carryRule !== null && carryRule.used + request.quantity > carryRule.limitMax) {
    return reject('P06', `carry-over "${carryRule.ruleId}": ${carryRule.used} t carried + ${request.quantity} t > limit ${carryRule.limitMax} t`);
  }
  // P07
  if (type === 'TRANSFER_EXTERNAL') {
    const problem = cprProblem(system, fromRegistry!, pieces);
    if (problem !== null) return reject('P07', problem);
  }
  // P08, P09
  let advanceSold: Map<string, number> | null = null;
  if (TRANSFER_TYPES.has(type)) {
    for (const piece of pieces) {
      if (!piece.cls.advance) continue;
      const rule = system.config.schemes.get(piece.cls.scheme)?.advanceSale;
      if (rule === undefined) continue;
      const key = advanceKey(source.registry, source.id, piece.cls.scheme);
      advanceSold ??= new Map();
      addTo(advanceSold, key, size(piece));
    }
    if (advanceSold !== null) {
      for (const [key, selling] of advanceSold) {
        const record = system.advance.get(key);
        if (record === undefined || record.confirmed) continue;
        const scheme = key.slice(key.lastIndexOf('|') + 1);
        const max = floorTimes(record.received, system.config.ratios.get(`schemes.${scheme}.advanceSale`)!);
        if (record.sold + selling > max) {
          return reject('P08', `${accountKey(source)} may sell ${max} t of its ${record.received} t ex-ante ${scheme} units before confirmation; ${record.sold} t sold + ${selling} t requested`);
        }
      }
    }
    for (const piece of pieces) {
      const restriction = system.config.schemes.get(piece.cls.scheme)?.transferRestriction;
      if (restriction === undefined) continue;
      const project = piece.cls.projectId === null ? undefined : system.projects.get(piece.cls.projectId);
      if (project === undefined || !project.coImplementers.includes(dest.holder)) {
        return reject('P09', `${piece.cls.scheme} units of project ${piece.cls.projectId ?? '(none)'} may only be transferred to the project's co-implementer; ${dest.holder} is not one`);
      }
    }
  }
  // P12
  if (type === 'REPLACE' && targets !== null) {
    const rule = fromRegistry!.config.replacement!;
    const targetQuantity = request.targets.reduce((n, t) => n + size(t), 0);
    if (targetQuantity !== request.quantity) return reject('P12', `replacing ${request.quantity} t for ${targetQuantity} t of units to replace`);
    for (const piece of pieces) {
      if (!matchesAny(piece.cls, rule.replacing)) return reject('P12', `${piece.cls.unitType} cannot replace ${targets.pieces[0]?.cls.unitType ?? 'units'} in ${fromRegistry!.id}`);
    }
  }
  // X01
  if (type === 'TRANSFER_EXTERNAL') {
    if (source.registry === dest.registry) return reject('X01', `external transfer within ${source.registry}; use TRANSFER_INTERNAL`, 'DIFFERENT_REGISTRY_REQUIRED');
  } else if (source.registry !== dest.registry) {
    return reject('X01', `${type} from ${source.registry} to ${dest.registry}: both accounts must be in one registry`, 'SAME_REGISTRY_REQUIRED');
  }
  // X02
  if (type === 'TRANSFER_EXTERNAL') {
    const link = linkProblem(system, source.registry, dest.registry, pieces);
    if (link !== null) return link;
  }
  // X03, X04
  const art6 = art6Checks(type, pieces);
  if (art6 !== null) return art6;

  const plan = emptyPlan(type, request, source.registry);
  plan.quantity = request.quantity;
  plan.from = source;
  plan.to = dest;
  plan.pieces = pieces;
  plan.targets = targets?.pieces ?? [];
  plan.destStatus = DEST_STATUS[type] ?? 'ACTIVE';
  plan.patch = patch;
  if (compliance !== null) plan.compliance = [compliance];
  plan.reversible = type === 'SURRENDER' || type === 'DELETE' || type === 'ALLOCATE' ? type : null;
  plan.advanceSold = advanceSold;
  if (carryRule !== null) plan.carry = { registry: fromRegistry!, ruleId: carryRule.ruleId, quantity: request.quantity };
  if (type === 'ALLOCATE') {
    for (const piece of pieces) {
      if (!piece.cls.advance) continue;
      plan.advanceReceived ??= new Map();
      addTo(plan.advanceReceived, advanceKey(dest.registry, dest.id, piece.cls.scheme), size(piece));
    }
  }
  if (type === 'TRANSFER_EXTERNAL') {
    for (const piece of pieces) if (piece.cls.art6 !== null && !piece.cls.art6.firstTransferred) plan.correspondingAdjustment += size(piece);
  }
  if (type === 'CANCEL') plan.reason = request.reason;
  if (type === 'RETIRE' && request.beneficiary !== undefined) plan.reason = request.beneficiary;
  return plan;
}

// ---------------------------------------------------------------------------------------------------------------
// Apply

export function nextTxId(system: RegistrySystem, registryId: RegistryId): TxId {
  const registry = system.registries.get(registryId)!;
  let id: TxId;
  do { registry.txSeq += 1; id = `${registryId}-${registry.txSeq}`; } while (system.usedTxIds.has(id));
  return id;
}

/** Records a caller-chosen id (registry-assigned ids are implied by the registry's sequence). */
export function markTxIdUsed(system: RegistrySystem, id: TxId, callerChosen: boolean): void {
  if (callerChosen) system.usedTxIds.add(id);
}

function holdingFor(account: Account, classId: number, status: UnitStatus, reservedBy: TxId | null): Holding {
  if (reservedBy !== null) {
    let list = account.reserved.get(reservedBy);
    if (list === undefined) { list = []; account.reserved.set(reservedBy, list); }
    let holding = list.find((h) => h.classId === classId);
    if (holding === undefined) { holding = { classId, status: 'RESERVED', reservedBy, blocks: new BlockList(), logLocation: -1 }; list.push(holding); }
    return holding;
  }
  const key = holdingKey(classId, status);
  let holding = account.holdings.get(key);
  if (holding === undefined) {
    holding = { classId, status, reservedBy: null, blocks: new BlockList(), logLocation: -1 };
    account.holdings.set(key, holding);
  }
  return holding;
}

function dropIfEmpty(account: Account, holding: Holding): void {
  if (holding.blocks.total > 0) return;
  if (holding.reservedBy !== null) {
    const list = account.reserved.get(holding.reservedBy);
    if (list === undefined) return;
    const index = list.indexOf(holding);
    if (index >= 0) list.splice(index, 1);
    if (list.length === 0) account.reserved.delete(holding.reservedBy);
  } else {
    account.holdings.delete(holdingKey(holding.classId, holding.status));
  }
}

/** The holding's location id in the log dictionary (cached on the holding). */
function logLocation(system: RegistrySystem, account: Account, holding: Holding): number {
  if (holding.logLocation < 0) {
    holding.logLocation = system.log.location(account.registry, account.id, system.classes[holding.classId]!, holding.status, holding.reservedBy, account.key);
  }
  return holding.logLocation;
}

/**
 * Moves one piece to `dest` with `status` (and `patch`), keeping registry totals, and appends the log effect to the
 * entry being built. Returns the destination class.
 */
export function movePiece(
  system: RegistrySystem, piece: Piece, dest: Account, status: UnitStatus, patch: ClassPatch | null, reservedBy: TxId | null,
  deferred?: Map<Holding, number[]>,
): UnitClass {
  const { holding, account, cls, start, end } = piece;
  const n = end - start + 1;
  const fromLocation = logLocation(system, account, holding);
  const fromStatus = holding.status;
  holding.blocks.remove(start, end);
  dropIfEmpty(account, holding);
  const patched = patchClass(cls, patch);
  const destCls = patched === cls ? cls : internClass(system, patched);
  const target = holdingFor(dest, destCls.id, status, reservedBy);
  if (deferred === undefined) target.blocks.insert(start, end);
  else {
    const buffer = deferred.get(target);
    if (buffer === undefined) deferred.set(target, [start, end]); else buffer.push(start, end);
  }
  system.registries.get(account.registry)!.totals[totalsIndex(cls.unitType, fromStatus)]! -= n;
  system.registries.get(dest.registry)!.totals[totalsIndex(destCls.unitType, status)]! += n;
  system.log.effect(cls.origin, start, end, fromLocation, logLocation(system, dest, target));
  return destCls;
}

export function applyCompliance(system: RegistrySystem, c: ComplianceUse, sign: 1 | -1): LogCompliance {
  let record = system.compliance.get(c.key);
  if (record === undefined) {
    record = { entity: c.entity, scheme: c.scheme, period: c.period, verifiedEmissions: null, obligation: null, allowances: 0, credits: 0, creditsByLimit: {}, borrowed: 0 };
    system.compliance.set(c.key, record);
  }
  record.allowances += sign * c.delta.allowances;
  record.credits += sign * c.delta.credits;
  record.borrowed += sign * c.delta.borrowed;
  const byLimit = c.delta.creditsByLimit;
  if (byLimit !== NO_LIMITS) for (const id in byLimit) record.creditsByLimit[id] = (record.creditsByLimit[id] ?? 0) + sign * byLimit[id]!;
  return { entity: c.entity, scheme: c.scheme, period: c.period, sign, allowances: c.delta.allowances, credits: c.delta.credits, borrowed: c.delta.borrowed, creditsByLimit: byLimit === NO_LIMITS ? NO_LIMITS : { ...byLimit } };
}

function appliedRange(cls: UnitClassData, start: number, end: number): AppliedRange {
  return { origin: cls.origin, start, end, unitType: cls.unitType, scheme: cls.scheme, vintage: cls.vintage };
}

/** Drops reversible records whose window closed before `at` (they can never be reversed: P11 either way). */
function pruneReversible(system: RegistrySystem, at: Instant): void {
  const queue = system.reversibleQueue;
  while (system.reversibleHead < queue.length) {
    const id = queue[system.reversibleHead]!;
    const record = system.reversible.get(id);
    if (record !== undefined) {
      const window = system.config.schemes.get(record.unitScheme)?.reversalWindowMs ?? DEFAULT_REVERSAL_WINDOW_MS;
      if (at - record.at <= window) break;
      system.reversible.delete(id);
    }
    system.reversibleHead += 1;
  }
  if (system.reversibleHead > 1024 && system.reversibleHead * 2 > queue.length) {
    system.reversibleQueue = queue.slice(system.reversibleHead);
    system.reversibleHead = 0;
  }
}

/** Applies a plan that passed every check. Never fails. */
export function applyPlan(system: RegistrySystem, plan: Plan): TxApplied {
  const txId = plan.txId ?? nextTxId(system, plan.idRegistry);
  markTxIdUsed(system, txId, plan.txId !== null);
  const firstEffect = system.log.effectCount;
  const ranges: AppliedRange[] = [];
  if (plan.issue !== null) {
    const { data, start, end, capKeys } = plan.issue;
    const dest = plan.to!;
    const cls = internClass(system, data);
    const origin = getOrigin(system, data.origin);
    origin.issued.insert(start, end);
    if (end + 1 > origin.nextSerial) origin.nextSerial = end + 1;
    for (const key of capKeys) system.issuedByCap.set(key, (system.issuedByCap.get(key) ?? 0) + plan.quantity);
    const target = holdingFor(dest, cls.id, 'ACTIVE', null);
    target.blocks.insert(start, end);
    system.registries.get(dest.registry)!.totals[totalsIndex(cls.unitType, 'ACTIVE')]! += plan.quantity;
    system.log.effect(data.origin, start, end, -1, logLocation(system, dest, target));
    ranges.push(appliedRange(cls, start, end));
  }
  const dest = plan.to;
  const record: ReversibleRecord | null = plan.reversible === null ? null : {
    id: txId, type: plan.reversible, at: plan.at, registry: plan.from!.registry, fromAccounts: [], toAccounts: [], classIds: [], starts: [], ends: [],
    unitScheme: plan.pieces[0]!.cls.scheme, compliance: plan.compliance.map((c) => ({ key: c.key, delta: c.delta })), reversed: false,
  };
  // Many pieces (aggregated transactions): buffer the destination inserts and merge them per holding at the end.
  const deferred = plan.pieces.length > 64 ? new Map<Holding, number[]>() : undefined;
  for (let k = 0; k < plan.pieces.length; k++) {
    const piece = plan.pieces[k]!;
    const target = plan.pieceDest?.[k] ?? dest!;
    const destCls = movePiece(system, piece, target, plan.destStatus, plan.patch, plan.reservedBy, deferred);
    ranges.push(appliedRange(destCls, piece.start, piece.end));
    if (record !== null) {
      record.fromAccounts.push(piece.account.id);
      record.toAccounts.push(target.id);
      record.classIds.push(destCls.id);
      record.starts.push(piece.start);
      record.ends.push(piece.end);
    }
  }
  if (deferred !== undefined) for (const [holding, buffer] of deferred) holding.blocks.insertMany(buffer);
  for (const piece of plan.targets) movePiece(system, piece, piece.account, 'REPLACED', null, null);
  let compliance: LogCompliance[] | undefined;
  if (plan.compliance.length > 0) compliance = plan.compliance.map((c) => applyCompliance(system, c, 1));
  if (plan.advanceReceived !== null) {
    for (const [key, n] of plan.advanceReceived) {
      const record = system.advance.get(key);
      if (record === undefined) system.advance.set(key, { received: n, sold: 0, confirmed: false });
      else record.received += n;
    }
  }
  if (plan.advanceSold !== null) {
    for (const [key, n] of plan.advanceSold) {
      const record = system.advance.get(key);
      if (record !== undefined) record.sold += n;
    }
  }
  if (plan.carry !== null) plan.carry.registry.carried.set(plan.carry.ruleId, (plan.carry.registry.carried.get(plan.carry.ruleId) ?? 0) + plan.carry.quantity);
  if (plan.correspondingAdjustment > 0) system.registries.get(plan.from!.registry)!.correspondingAdjustments += plan.correspondingAdjustment;
  if (system.reversibleHead < system.reversibleQueue.length) pruneReversible(system, plan.at);
  if (record !== null) {
    system.reversible.set(txId, record);
    system.reversibleQueue.push(txId);
  }
  let refTx: TxId | undefined;
  if (plan.reverse !== null) {
    const record = plan.reverse;
    record.reversed = true;
    refTx = record.id;
    if (record.compliance.length > 0) {
      compliance = record.compliance.map((c) => {
        const existing = system.compliance.get(c.key)!;
        return applyCompliance(system, { key: c.key, entity: existing.entity, scheme: existing.scheme, period: existing.period, delta: c.delta }, -1);
      });
    }
    if (record.type === 'DELETE') {
      for (const piece of plan.pieces) getOrigin(system, piece.cls.origin).barredFromSurrender.add(piece.start, piece.end);
    }
  }
  const meta = compliance === undefined && refTx === undefined && plan.reason === null ? null : {
    ...(compliance === undefined ? {} : { compliance }),
    ...(refTx === undefined ? {} : { refTx }),
    ...(plan.reason === null ? {} : { reason: plan.reason }),
  };
  const phase = plan.reservedBy !== null ? 'PROPOSED' : 'COMMITTED';
  system.log.commit(firstEffect, txId, plan.type, plan.at, phase, meta);
  return { ok: true, txId, type: plan.type, quantity: plan.quantity, ranges, phase };
}

/** Checks a request and, if every check passes, applies it. TRANSFER_EXTERNAL is carried through both phases at `at`. */
export function submit(system: RegistrySystem, request: TxRequest): TxResult {
  const plan = evaluate(system, request);
  if ('ok' in plan) return plan;
  if (plan.type === 'TRANSFER_EXTERNAL') {
    const problem = system.log.checkRanges(null, plan.pieces.map((p) => ({ origin: p.cls.origin, start: p.start, end: p.end })));
    if (problem !== null) return reject('U05', `transaction log check failed: ${problem}`);
  }
  return applyPlan(system, plan);
}

