/**
 * The state of a multi-registry system and its construction: registries, accounts, holdings, unit classes, the
 * issued-serial record per origin, pending two-phase transactions, compliance records and the independent log.
 *
 * Functions of the registry layer mutate only the `RegistrySystem` passed to them and read time only from their
 * arguments. A rejected request mutates nothing (checks run to completion before the first write). Use
 * `cloneSystem` to branch a state (e.g. to try a policy overlay without touching the baseline).
 */
import { BlockList } from './blockList.js';
import { RegistryConfigError } from './checkCodes.js';
import { TransactionLog } from './log.js';
import {
  CANNOT_ACQUIRE, DEFAULT_TX_ROLES, parseRatio,
  type AccountSpec, type Fraction, type LinkRule, type RegistryConfig, type RegistrySystemConfig, type SchemeAccountIds,
  type SchemeRules, type TxRoles,
} from './rules.js';
import {
  ACCOUNT_STATUSES, ACCOUNT_TYPES, CANCELLATION_REASONS, UNIT_STATUSES, UNIT_TYPES, matchesSelector,
  type AccountId, type AccountRef, type AccountStatus, type AccountType, type CancellationReason, type EntityId,
  type PeriodId, type RegistryId, type SchemeId, type TxId, type TxType, type UnitClassData, type UnitSelector,
  type UnitStatus,
} from './types.js';
import type { Instant } from './instant.js';

export const STATUS_INDEX: Readonly<Record<UnitStatus, number>> = Object.fromEntries(UNIT_STATUSES.map((s, i) => [s, i])) as Record<UnitStatus, number>;
export const UNIT_TYPE_INDEX: Readonly<Record<string, number>> = Object.fromEntries(UNIT_TYPES.map((t, i) => [t, i]));
const STATUS_COUNT = UNIT_STATUSES.length;

/** An interned unit class: `UnitClassData` plus its id, canonical key and effective expiry. */
export interface UnitClass extends UnitClassData {
  id: number;
  key: string;
  /** min(unit expiresAt, the scheme's validity rules): first instant the unit is unusable; null: never. */
  effectiveExpiry: Instant | null;
}

export interface Holding {
  classId: number;
  status: UnitStatus;
  /** Pending transaction holding the lock (status RESERVED only). */
  reservedBy: TxId | null;
  blocks: BlockList;
  /** Cached id of this holding's location in the log's dictionary (−1 until first logged). */
  logLocation: number;
}

export interface Account {
  registry: RegistryId;
  id: AccountId;
  /** `${registry}/${id}`, computed once. */
  key: string;
  type: AccountType;
  status: AccountStatus;
  holder: EntityId;
  scheme: SchemeId | null;
  cancellationReason: CancellationReason | null;
  trusted: readonly string[] | null;
  /** Non-reserved holdings keyed by classId × |statuses| + status index. */
  holdings: Map<number, Holding>;
  /** Reserved holdings by the pending transaction holding them. */
  reserved: Map<TxId, Holding[]>;
}

export interface OriginState {
  nextSerial: number;
  /** Union of every range this origin ever issued (P02 guard; §5.6 inv. 4). */
  issued: BlockList;
  /**
   * Serials that were deleted and came back to ACTIVE by a REVERSE of the DELETE: never surrenderable (P03).
   * Serials currently SURRENDERED or DELETED are terminal and refused earlier (U04); a reversed SURRENDER is a
   * correction, so its serials may be surrendered again.
   */
  barredFromSurrender: BlockList;
  /** Serials frozen by an unresolved discrepancy (U05). */
  frozen: BlockList;
}

export interface RegistryState {
  id: RegistryId;
  config: RegistryConfig;
  accounts: Map<AccountId, Account>;
  /** Units held in the registry by (unit type, status): index unitTypeIndex × |statuses| + statusIndex. */
  totals: Float64Array;
  /** Carried-over quantity per carry-over rule id (P06). */
  carried: Map<string, number>;
  /** Units whose corresponding adjustment this (Party) registry applied at first transfer (§5.6 inv. 11). */
  correspondingAdjustments: number;
  /** Sequence for registry-assigned transaction ids `${id}-${seq}`. */
  txSeq: number;
}

export interface ClassRange {
  classId: number;
  start: number;
  end: number;
}

export interface PendingTx {
  id: TxId;
  type: 'TRANSFER_EXTERNAL';
  proposedAt: Instant;
  stage: 'PROPOSED' | 'CHECKED';
  from: AccountRef;
  to: AccountRef;
  quantity: number;
  /** Reserved ranges with their class in the source. */
  ranges: ClassRange[];
}

export interface ComplianceDelta {
  allowances: number;
  credits: number;
  creditsByLimit: Record<string, number>;
  borrowed: number;
}

export interface ComplianceRecord extends ComplianceDelta {
  entity: EntityId;
  scheme: SchemeId;
  period: PeriodId;
  verifiedEmissions: number | null;
  obligation: number | null;
}

/**
 * What REVERSE needs to undo a SURRENDER, DELETE or ALLOCATE (single or aggregated): one entry per moved range, in
 * columns (an aggregated allocation to 10,000 firms is 10,000 entries, not 10,000 objects). `classIds` are the
 * classes in the destination; a reversal keeps them (an ITMO stays "used").
 */
export interface ReversibleRecord {
  id: TxId;
  type: 'SURRENDER' | 'DELETE' | 'ALLOCATE';
  at: Instant;
  /** Registry of every account of the record (reversible transactions never cross registries). */
  registry: RegistryId;
  fromAccounts: AccountId[];
  toAccounts: AccountId[];
  classIds: number[];
  starts: number[];
  ends: number[];
  unitScheme: SchemeId;
  compliance: { key: string; delta: ComplianceDelta }[];
  reversed: boolean;
}

export interface AdvanceRecord {
  received: number;
  sold: number;
  confirmed: boolean;
}

export interface ProjectRecord {
  id: string;
  scheme: SchemeId;
  owner: EntityId;
  coImplementers: readonly EntityId[];
}

/** Parsed, validated configuration; immutable after creation. */
export interface ResolvedConfig {
  source: RegistrySystemConfig;
  schemes: Map<SchemeId, SchemeRules>;
  schemeAccounts: Map<SchemeId, SchemeAccountIds>;
  links: readonly LinkRule[];
  roles: Readonly<Record<TxType, TxRoles>>;
  /** Parsed ratios by their option path, e.g. "schemes.GX.creditLimits.gx-credits". */
  ratios: Map<string, Fraction>;
}

export interface RegistrySystem {
  config: ResolvedConfig;
  registries: Map<RegistryId, RegistryState>;
  classes: UnitClass[];
  classByKey: Map<string, number>;
  origins: Map<RegistryId, OriginState>;
  /** Issued quantity per (scheme, cap index) key `${scheme}#${index}` (P01). */
  issuedByCap: Map<string, number>;
  /**
   * Caller-supplied transaction ids ever applied or proposed (S01). Registry-assigned ids `${registry}-${n}` are
   * not stored: n ≤ the registry's txSeq says they were used (see `isUsedTxId`).
   */
  usedTxIds: Set<TxId>;
  pending: Map<TxId, PendingTx>;
  /** Records of reversible transactions still inside their window (older ones are pruned: P11 either way). */
  reversible: Map<TxId, ReversibleRecord>;
  /** Reversible transaction ids in the order applied, for pruning; entries before `reversibleHead` are gone. */
  reversibleQueue: TxId[];
  reversibleHead: number;
  compliance: Map<string, ComplianceRecord>;
  advance: Map<string, AdvanceRecord>;
  projects: Map<string, ProjectRecord>;
  log: TransactionLog;
}

const AUTO_ID = /^(.+)-(\d+)$/;

/** Whether a transaction id was already used: a stored caller id, or a registry-assigned id already handed out. */
export function isUsedTxId(system: RegistrySystem, id: TxId): boolean {
  if (system.usedTxIds.has(id)) return true;
  const match = AUTO_ID.exec(id);
  if (match === null) return false;
  const registry = system.registries.get(match[1]!);
  return registry !== undefined && Number(match[2]) <= registry.txSeq && String(Number(match[2])) === match[2];
}

export function accountKey(ref: AccountRef | Account): string {
  return 'key' in ref ? ref.key : `${ref.registry}/${ref.account}`;
}

export function complianceKey(entity: EntityId, scheme: SchemeId, period: PeriodId): string {
  return `${entity}|${scheme}|${period}`;
}

export function advanceKey(registry: RegistryId, account: AccountId, scheme: SchemeId): string {
  return `${registry}/${account}|${scheme}`;
}

export function holdingKey(classId: number, status: UnitStatus): number {
  return classId * STATUS_COUNT + STATUS_INDEX[status];
}

export function totalsIndex(unitType: string, status: UnitStatus): number {
  return UNIT_TYPE_INDEX[unitType]! * STATUS_COUNT + STATUS_INDEX[status];
}

export function defaultSchemeAccounts(scheme: SchemeRules): SchemeAccountIds {
  return {
    totalQuantity: scheme.accounts?.totalQuantity ?? `${scheme.id}/TOTAL_QUANTITY`,
    allocation: scheme.accounts?.allocation ?? `${scheme.id}/ALLOCATION`,
    auction: scheme.accounts?.auction ?? `${scheme.id}/AUCTION`,
    reserve: scheme.accounts?.reserve ?? `${scheme.id}/RESERVE`,
    surrender: scheme.accounts?.surrender ?? `${scheme.id}/SURRENDER`,
  };
}

/** Registry-wide sink accounts opened automatically in every registry. */
export function sinkAccountId(type: 'RETIREMENT' | 'DELETION' | 'INVALIDATION' | 'REPLACEMENT'): AccountId;
export function sinkAccountId(type: 'CANCELLATION', reason: CancellationReason): AccountId;
export function sinkAccountId(type: string, reason?: CancellationReason): AccountId {
  return reason === undefined ? type : `${type}/${reason}`;
}

function fail(path: string, message: string): never {
  throw new RegistryConfigError(`${path}: ${message}`);
}

function checkInteger(value: number, path: string, min = 0): void {
  if (!Number.isSafeInteger(value) || value < min) fail(path, `must be a safe integer ≥ ${min}, got ${value}`);
}

/**
 * Builds a system from configuration, validating it whole first (errors name the option path). Opens each
 * scheme's distribution and surrender accounts, each registry's sinks, then `config.accounts`.
 */
export function createRegistrySystem(config: RegistrySystemConfig): RegistrySystem {
  const ratios = new Map<string, Fraction>();
  const registryIds = new Set<RegistryId>();
  for (const [i, registry] of config.registries.entries()) {
    const path = `registries[${i}]`;
    if (registry.id.length === 0 || registry.id.includes('/')) fail(`${path}.id`, `must be non-empty without "/", got "${registry.id}"`);
    if (registryIds.has(registry.id)) fail(`${path}.id`, `duplicate registry "${registry.id}"`);
    registryIds.add(registry.id);
    for (const type of Object.keys(registry.holdable)) if (!(ACCOUNT_TYPES as readonly string[]).includes(type)) fail(`${path}.holdable.${type}`, 'unknown account type');
    if (registry.externalTimeoutMs !== undefined) checkInteger(registry.externalTimeoutMs, `${path}.externalTimeoutMs`, 1);
    if (registry.party !== undefined) {
      checkInteger(registry.party.assignedAmount, `${path}.party.assignedAmount`);
      checkInteger(registry.party.latestReviewedInventory, `${path}.party.latestReviewedInventory`);
      if (registry.party.cpr !== undefined) {
        ratios.set(`${registry.id}.cpr.assignedAmountShare`, parseRatio(registry.party.cpr.assignedAmountShare, `${path}.party.cpr.assignedAmountShare`));
        ratios.set(`${registry.id}.cpr.inventoryMultiple`, parseRatio(registry.party.cpr.inventoryMultiple, `${path}.party.cpr.inventoryMultiple`));
      }
    }
    for (const [k, rule] of (registry.carryOver ?? []).entries()) {
      const rpath = `${path}.carryOver[${k}]`;
      if (rule.window.closesAt <= rule.window.opensAt) fail(`${rpath}.window`, 'closesAt must be after opensAt');
      if (rule.limit.kind === 'tonnes') checkInteger(rule.limit.tonnes, `${rpath}.limit.tonnes`);
      else {
        if (registry.party === undefined) fail(`${rpath}.limit`, 'shareOfAssignedAmount needs party.assignedAmount on the registry');
        ratios.set(`${registry.id}.carryOver.${rule.id}`, parseRatio(rule.limit.share, `${rpath}.limit.share`));
      }
    }
  }
  const schemes = new Map<SchemeId, SchemeRules>();
  const schemeAccounts = new Map<SchemeId, SchemeAccountIds>();
  for (const [i, scheme] of config.schemes.entries()) {
    const path = `schemes[${i}]`;
    if (schemes.has(scheme.id)) fail(`${path}.id`, `duplicate scheme "${scheme.id}"`);
    if (!registryIds.has(scheme.registry)) fail(`${path}.registry`, `unknown registry "${scheme.registry}"`);
    if (!(UNIT_TYPES as readonly string[]).includes(scheme.unitType)) fail(`${path}.unitType`, `unknown unit type "${scheme.unitType}"`);
    for (const [k, cap] of (scheme.caps ?? []).entries()) checkInteger(cap.tonnes, `${path}.caps[${k}].tonnes`);
    const periodIds = new Set<string>();
    for (const [k, period] of (scheme.compliancePeriods ?? []).entries()) {
      if (periodIds.has(period.id)) fail(`${path}.compliancePeriods[${k}].id`, `duplicate period "${period.id}"`);
      periodIds.add(period.id);
      if (period.lastYear < period.firstYear) fail(`${path}.compliancePeriods[${k}]`, 'lastYear before firstYear');
    }
    const limitIds = new Set<string>();
    for (const [k, rule] of (scheme.creditLimits ?? []).entries()) {
      if (limitIds.has(rule.id)) fail(`${path}.creditLimits[${k}].id`, `duplicate limit "${rule.id}"`);
      limitIds.add(rule.id);
      registerLimit(ratios, `schemes.${scheme.id}.creditLimits.${rule.id}`, rule.limit, `${path}.creditLimits[${k}].limit`);
    }
    if (scheme.borrowing !== undefined) {
      checkInteger(scheme.borrowing.maxVintagesAhead, `${path}.borrowing.maxVintagesAhead`);
      registerLimit(ratios, `schemes.${scheme.id}.borrowing`, scheme.borrowing.limit, `${path}.borrowing.limit`);
    }
    if (scheme.advanceSale !== undefined) ratios.set(`schemes.${scheme.id}.advanceSale`, parseRatio(scheme.advanceSale.share, `${path}.advanceSale.share`));
    if (scheme.reversalWindowMs !== undefined) checkInteger(scheme.reversalWindowMs, `${path}.reversalWindowMs`);
    schemes.set(scheme.id, scheme);
    schemeAccounts.set(scheme.id, defaultSchemeAccounts(scheme));
  }
  for (const [i, link] of (config.links ?? []).entries()) {
    if (!registryIds.has(link.from)) fail(`links[${i}].from`, `unknown registry "${link.from}"`);
    if (!registryIds.has(link.to)) fail(`links[${i}].to`, `unknown registry "${link.to}"`);
  }
  const roles = { ...DEFAULT_TX_ROLES, ...(config.txRoles ?? {}) } as Record<TxType, TxRoles>;

  const system: RegistrySystem = {
    config: { source: config, schemes, schemeAccounts, links: config.links ?? [], roles, ratios },
    registries: new Map(),
    classes: [],
    classByKey: new Map(),
    origins: new Map(),
    issuedByCap: new Map(),
    usedTxIds: new Set(),
    pending: new Map(),
    reversible: new Map(),
    reversibleQueue: [],
    reversibleHead: 0,
    compliance: new Map(),
    advance: new Map(),
    projects: new Map(),
    log: new TransactionLog(),
  };
  for (const registry of config.registries) {
    system.registries.set(registry.id, {
      id: registry.id, config: registry, accounts: new Map(),
      totals: new Float64Array(UNIT_TYPES.length * STATUS_COUNT), carried: new Map(), correspondingAdjustments: 0, txSeq: 0,
    });
    for (const type of ['RETIREMENT', 'DELETION', 'INVALIDATION', 'REPLACEMENT'] as const) {
      openAccountUnchecked(system, { registry: registry.id, id: sinkAccountId(type), type, holder: registry.id });
    }
    for (const reason of CANCELLATION_REASONS) {
      openAccountUnchecked(system, { registry: registry.id, id: sinkAccountId('CANCELLATION', reason), type: 'CANCELLATION', holder: registry.id, cancellationReason: reason });
    }
  }
  for (const scheme of config.schemes) {
    const ids = schemeAccounts.get(scheme.id)!;
    const open = (id: AccountId, type: AccountType): void => {
      if (!system.registries.get(scheme.registry)!.accounts.has(id)) openAccountUnchecked(system, { registry: scheme.registry, id, type, holder: scheme.registry, scheme: scheme.id });
    };
    open(ids.totalQuantity, 'TOTAL_QUANTITY');
    open(ids.allocation, 'ALLOCATION');
    open(ids.auction, 'AUCTION');
    open(ids.reserve, 'RESERVE');
    open(ids.surrender, 'SURRENDER');
  }
  for (const [i, spec] of (config.accounts ?? []).entries()) {
    const problem = accountSpecProblem(system, spec);
    if (problem !== null) fail(`accounts[${i}]`, problem);
    openAccountUnchecked(system, spec);
  }
  return system;
}

function registerLimit(ratios: Map<string, Fraction>, key: string, limit: { kind: string; share?: unknown; tonnes?: unknown }, path: string): void {
  if (limit.kind === 'tonnes') checkInteger(limit.tonnes as number, `${path}.tonnes`);
  else if (limit.kind === 'shareOfEmissions' || limit.kind === 'shareOfObligation') ratios.set(key, parseRatio(limit.share as number | string, `${path}.share`));
  else fail(`${path}.kind`, `unknown limit kind "${limit.kind}"`);
}

function accountSpecProblem(system: RegistrySystem, spec: AccountSpec): string | null {
  const registry = system.registries.get(spec.registry);
  if (registry === undefined) return `unknown registry "${spec.registry}"`;
  if (spec.id.length === 0) return 'account id must be non-empty';
  if (registry.accounts.has(spec.id)) return `account "${spec.id}" already exists in ${spec.registry}`;
  if (!(ACCOUNT_TYPES as readonly string[]).includes(spec.type)) return `unknown account type "${spec.type}"`;
  if (spec.status !== undefined && !(ACCOUNT_STATUSES as readonly string[]).includes(spec.status)) return `unknown account status "${spec.status}"`;
  if (spec.type === 'CANCELLATION' && spec.cancellationReason === undefined) return 'a CANCELLATION account needs cancellationReason';
  if (spec.scheme !== undefined && !system.config.schemes.has(spec.scheme)) return `unknown scheme "${spec.scheme}"`;
  return null;
}

function openAccountUnchecked(system: RegistrySystem, spec: AccountSpec): Account {
  const account: Account = {
    registry: spec.registry, id: spec.id, key: `${spec.registry}/${spec.id}`, type: spec.type, status: spec.status ?? 'OPEN', holder: spec.holder ?? spec.id,
    scheme: spec.scheme ?? null, cancellationReason: spec.cancellationReason ?? null, trusted: spec.trusted ?? null,
    holdings: new Map(), reserved: new Map(),
  };
  system.registries.get(spec.registry)!.accounts.set(spec.id, account);
  return account;
}

export type AccountResult = { ok: true; account: AccountRef } | { ok: false; message: string };

/** Opens an account (not a transaction: account administration is outside the unit checks). */
export function openAccount(system: RegistrySystem, spec: AccountSpec): AccountResult {
  const problem = accountSpecProblem(system, spec);
  if (problem !== null) return { ok: false, message: `openAccount: ${problem}` };
  openAccountUnchecked(system, spec);
  return { ok: true, account: { registry: spec.registry, account: spec.id } };
}

/**
 * Changes an account's status. CLOSED is final (never reopens) and needs the account to hold no ACTIVE or
 * RESERVED units.
 */
export function setAccountStatus(system: RegistrySystem, ref: AccountRef, status: AccountStatus): AccountResult {
  const account = getAccount(system, ref);
  if (account === undefined) return { ok: false, message: `setAccountStatus: no account ${accountKey(ref)}` };
  if (account.status === 'CLOSED') return { ok: false, message: `setAccountStatus: ${accountKey(ref)} is CLOSED and never reopens` };
  if (status === 'CLOSED') {
    for (const holding of account.holdings.values()) if (holding.status === 'ACTIVE' && holding.blocks.total > 0) return { ok: false, message: `setAccountStatus: ${accountKey(ref)} still holds ACTIVE units` };
    if (account.reserved.size > 0) return { ok: false, message: `setAccountStatus: ${accountKey(ref)} has pending transactions` };
  }
  account.status = status;
  return { ok: true, account: ref };
}

/** Registers a credit project (owner and co-implementers) for counterparty rules (P09). */
export function registerProject(system: RegistrySystem, project: ProjectRecord): AccountResult {
  if (system.projects.has(project.id)) return { ok: false, message: `registerProject: project "${project.id}" already registered` };
  if (!system.config.schemes.has(project.scheme)) return { ok: false, message: `registerProject: unknown scheme "${project.scheme}"` };
  system.projects.set(project.id, { ...project, coImplementers: [...project.coImplementers] });
  return { ok: true, account: { registry: system.config.schemes.get(project.scheme)!.registry, account: project.owner } };
}

export function getAccount(system: RegistrySystem, ref: AccountRef): Account | undefined {
  return system.registries.get(ref.registry)?.accounts.get(ref.account);
}

export function canAcquire(status: AccountStatus): boolean {
  return !CANNOT_ACQUIRE.has(status);
}

export function classKeyOf(data: UnitClassData): string {
  const art6 = data.art6 === null ? '' : `${data.art6.authorizationId ?? '∅'}:${data.art6.firstTransferred ? 1 : 0}:${data.art6.used ? 1 : 0}`;
  return `${data.origin}|${data.unitType}|${data.scheme}|${data.vintage}|${data.applicablePeriod ?? ''}|${data.projectId ?? ''}|${data.expiresAt ?? ''}|${data.advance ? 1 : 0}|${art6}`;
}

/** Looks up a class id without creating it (safe during checks). */
export function findClass(system: RegistrySystem, data: UnitClassData): number | undefined {
  return system.classByKey.get(classKeyOf(data));
}

/** Interns a class (apply phase only). */
export function internClass(system: RegistrySystem, data: UnitClassData): UnitClass {
  const key = classKeyOf(data);
  const existing = system.classByKey.get(key);
  if (existing !== undefined) return system.classes[existing]!;
  const scheme = system.config.schemes.get(data.scheme);
  let effectiveExpiry = data.expiresAt;
  for (const rule of scheme?.validity ?? []) {
    if (rule.appliesTo !== undefined && !matchesSelector(data, rule.appliesTo)) continue;
    if (effectiveExpiry === null || rule.usableUntil < effectiveExpiry) effectiveExpiry = rule.usableUntil;
  }
  const cls: UnitClass = {
    ...data, art6: data.art6 === null ? null : { ...data.art6 }, id: system.classes.length, key, effectiveExpiry,
  };
  system.classes.push(cls);
  system.classByKey.set(key, cls.id);
  return cls;
}

export function classData(cls: UnitClass): UnitClassData {
  return {
    origin: cls.origin, unitType: cls.unitType, scheme: cls.scheme, vintage: cls.vintage, applicablePeriod: cls.applicablePeriod,
    projectId: cls.projectId, expiresAt: cls.expiresAt, advance: cls.advance, art6: cls.art6 === null ? null : { ...cls.art6 },
  };
}

/** The units an account type of a registry may hold (A07). */
export function holdableFor(registry: RegistryConfig, type: AccountType): readonly UnitSelector[] {
  const own = registry.holdable[type];
  if (own !== undefined) return own;
  if (registry.defaultHoldable !== undefined) return registry.defaultHoldable;
  const union: UnitSelector[] = [];
  for (const list of Object.values(registry.holdable)) if (list !== undefined) union.push(...list);
  return union;
}

export function getOrigin(system: RegistrySystem, origin: RegistryId): OriginState {
  let state = system.origins.get(origin);
  if (state === undefined) {
    state = { nextSerial: 1, issued: new BlockList(), barredFromSurrender: new BlockList(), frozen: new BlockList() };
    system.origins.set(origin, state);
  }
  return state;
}

/** Deep copy of a system (policy overlays run on a clone, never on the baseline). */
export function cloneSystem(system: RegistrySystem): RegistrySystem {
  const copy = structuredClone(system);
  restorePrototypes(copy);
  return copy;
}

function restorePrototypes(system: RegistrySystem): void {
  const fixList = (list: BlockList): void => { Object.setPrototypeOf(list, BlockList.prototype); };
  for (const registry of system.registries.values()) {
    for (const account of registry.accounts.values()) {
      for (const holding of account.holdings.values()) fixList(holding.blocks);
      for (const list of account.reserved.values()) for (const holding of list) fixList(holding.blocks);
    }
  }
  for (const origin of system.origins.values()) { fixList(origin.issued); fixList(origin.barredFromSurrender); fixList(origin.frozen); }
  Object.setPrototypeOf(system.log, TransactionLog.prototype);
  system.log.restorePrototypes();
}

/** Balance of ACTIVE units of an account matching an optional predicate over the class. */
export function activeBalance(system: RegistrySystem, ref: AccountRef, predicate?: (cls: UnitClass) => boolean): number {
  const account = getAccount(system, ref);
  if (account === undefined) return 0;
  let total = 0;
  for (const holding of account.holdings.values()) {
    if (holding.status !== 'ACTIVE') continue;
    if (predicate !== undefined && !predicate(system.classes[holding.classId]!)) continue;
    total += holding.blocks.total;
  }
  return total;
}
