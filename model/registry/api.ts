/**
 * The engine's per-period calls on the registry layer. Each function builds ordinary transaction requests, so every
 * check applies. Bulk calls (allocation, auction delivery, trade settlement, allowance surrender for all firms) use
 * one aggregated transaction each (`aggregate.ts`): atomic, one log entry, about one block move per leg.
 * `surrenderForCompliance` runs one transaction per leg (credits, allowances, borrowing) and reports each.
 *
 * Typical period, in the engine's phase order:
 *   issueCap → allocateFree / deliverAuction → settleTrades / purchaseCredits → reportEmissions →
 *   surrenderForCompliance (allowances, credits within limits, borrowing) → expireAll. Banking needs no call:
 *   units simply stay ACTIVE.
 */
import { RegistryConfigError, type Rejection } from './checkCodes.js';
import { reportEmissions, type EmissionsReport } from './compliance.js';
import { expireUnits, type ExpireResult } from './expire.js';
import type { Instant } from './instant.js';
import { activeBalance, getAccount, openAccount, type RegistrySystem } from './system.js';
import { submit, type TxRequest, type TxResult } from './transact.js';
import { submitAggregate } from './aggregate.js';
import { matchesFilter, type AccountId, type AccountRef, type AccountType, type EntityId, type PeriodId, type RegistryId, type SchemeId, type TxId, type UnitFilter } from './types.js';

export interface BatchResult {
  /** True when every leg applied. */
  ok: boolean;
  /** One result per leg, in order (legs with quantity 0 are skipped and get no entry). */
  results: TxResult[];
  /** Tonnes applied over all legs. */
  applied: number;
  rejected: Rejection[];
}

function emptyBatch(): BatchResult {
  return { ok: true, results: [], applied: 0, rejected: [] };
}

function record(batch: BatchResult, result: TxResult): TxResult {
  batch.results.push(result);
  if (result.ok) batch.applied += result.quantity;
  else { batch.ok = false; batch.rejected.push(result); }
  return result;
}

function legId(batchId: TxId | undefined, index: number | string): { id?: TxId } {
  return batchId === undefined ? {} : { id: `${batchId}/${index}` };
}

function schemeRules(system: RegistrySystem, scheme: SchemeId): { registry: RegistryId; accounts: NonNullable<ReturnType<RegistrySystem['config']['schemeAccounts']['get']>> } {
  const rules = system.config.schemes.get(scheme);
  const accounts = system.config.schemeAccounts.get(scheme);
  if (rules === undefined || accounts === undefined) throw new RegistryConfigError(`unknown scheme "${scheme}"`);
  return { registry: rules.registry, accounts };
}

/**
 * Opens one account per firm (id = holder = firm id unless `idOf` says otherwise). Throws RegistryConfigError
 * naming the firm on a duplicate or unknown registry: account set-up is configuration, not a transaction.
 */
export function openFirmAccounts(
  system: RegistrySystem, registry: RegistryId, firms: readonly EntityId[],
  options: { type?: AccountType; idOf?: (firm: EntityId) => AccountId } = {},
): AccountRef[] {
  const out: AccountRef[] = [];
  for (const [index, firm] of firms.entries()) {
    const id = options.idOf?.(firm) ?? firm;
    const result = openAccount(system, { registry, id, type: options.type ?? 'OPERATOR_HOLDING', holder: firm });
    if (!result.ok) throw new RegistryConfigError(`firms[${index}] (${firm}): ${result.message}`);
    out.push(result.account);
  }
  return out;
}

/** Issues a scheme's cap for a vintage into its TOTAL_QUANTITY account (P01 checks the cap, P02 the serials). */
export function issueCap(system: RegistrySystem, request: { scheme: SchemeId; vintage: number; quantity: number; at: Instant; applicablePeriod?: string; id?: TxId }): TxResult {
  const { registry, accounts } = schemeRules(system, request.scheme);
  return submit(system, {
    type: 'ISSUE', at: request.at, to: { registry, account: accounts.totalQuantity }, scheme: request.scheme,
    quantity: request.quantity, vintage: request.vintage,
    ...(request.applicablePeriod === undefined ? {} : { applicablePeriod: request.applicablePeriod }),
    ...(request.id === undefined ? {} : { id: request.id }),
  });
}

export interface DistributionRequest {
  scheme: SchemeId;
  vintage: number;
  at: Instant;
  /** Whole tonnes per account of the scheme's registry (see `apportion` to get them from fractional shares). */
  legs: readonly { account: AccountId; quantity: number }[];
  id?: TxId;
}

export interface DistributionResult {
  ok: boolean;
  /** TOTAL_QUANTITY → pool transfer for what the pool lacked (null when it held enough). It stays applied even if
   * the distribution is then refused: the units wait in the pool. */
  topUp: TxResult | null;
  /** The aggregated ALLOCATE / AUCTION_DELIVERY (null when every leg was 0 t). */
  distribution: TxResult | null;
}

function distribute(system: RegistrySystem, request: DistributionRequest, via: 'allocation' | 'auction'): DistributionResult {
  const { registry, accounts } = schemeRules(system, request.scheme);
  const pool = via === 'allocation' ? accounts.allocation : accounts.auction;
  const type = via === 'allocation' ? 'ALLOCATE' : 'AUCTION_DELIVERY';
  const unit: UnitFilter = { unitType: 'ALLOWANCE', scheme: request.scheme, vintage: request.vintage };
  const legs = request.legs.filter((leg) => leg.quantity !== 0).map((leg) => ({ from: pool, to: leg.account, quantity: leg.quantity }));
  if (legs.length === 0) return { ok: true, topUp: null, distribution: null };
  let total = 0;
  for (const leg of legs) total += leg.quantity;
  const poolRef = { registry, account: pool };
  const missing = total - activeBalance(system, poolRef, (cls) => matchesFilter(cls, unit));
  let topUp: TxResult | null = null;
  if (missing > 0 && Number.isSafeInteger(missing)) {
    topUp = submit(system, { type: 'TRANSFER_INTERNAL', at: request.at, from: { registry, account: accounts.totalQuantity }, to: poolRef, quantity: missing, unit });
    if (!topUp.ok) return { ok: false, topUp, distribution: null };
  }
  const distribution = submitAggregate(system, { type, registry, at: request.at, unit, legs, ...(request.id === undefined ? {} : { id: request.id }) });
  return { ok: distribution.ok, topUp, distribution };
}

/** Free allocation: TOTAL_QUANTITY → ALLOCATION as needed, then one aggregated ALLOCATE (reversible as a whole). */
export function allocateFree(system: RegistrySystem, request: DistributionRequest): DistributionResult {
  return distribute(system, request, 'allocation');
}

/** Auctioned allowances: TOTAL_QUANTITY → AUCTION as needed, then one aggregated AUCTION_DELIVERY to the winners. */
export function deliverAuction(system: RegistrySystem, request: DistributionRequest): DistributionResult {
  return distribute(system, request, 'auction');
}

export interface TradeLeg {
  from: AccountId;
  to: AccountId;
  quantity: number;
}

/**
 * Settles a period's trades inside one registry as one aggregated TRANSFER_INTERNAL (atomic). Sellers spend what
 * they held at the start: pass net positions (each firm only sells or only buys). Legs of 0 t are dropped.
 */
export function settleTrades(system: RegistrySystem, request: { registry: RegistryId; at: Instant; unit: UnitFilter; trades: readonly TradeLeg[]; id?: TxId }): TxResult | null {
  const legs = request.trades.filter((t) => t.quantity !== 0);
  if (legs.length === 0) return null;
  return submitAggregate(system, { type: 'TRANSFER_INTERNAL', registry: request.registry, at: request.at, unit: request.unit, legs, ...(request.id === undefined ? {} : { id: request.id }) });
}

/**
 * Surrenders allowances for many entities at once (one aggregated SURRENDER, atomic): vintages ≤ the period's last
 * year, banked vintages first. Credits and borrowing go through `surrenderForCompliance`.
 */
export function surrenderAllowances(system: RegistrySystem, request: { scheme: SchemeId; period: PeriodId; at: Instant; legs: readonly { account: AccountId; quantity: number }[]; id?: TxId }): TxResult | null {
  const { registry, accounts } = schemeRules(system, request.scheme);
  const period = system.config.schemes.get(request.scheme)!.compliancePeriods?.find((p) => p.id === request.period);
  const legs = request.legs.filter((l) => l.quantity !== 0).map((l) => ({ from: l.account, to: accounts.surrender, quantity: l.quantity }));
  if (legs.length === 0) return null;
  return submitAggregate(system, {
    type: 'SURRENDER', registry, at: request.at, legs, compliance: { scheme: request.scheme, period: request.period },
    unit: { unitType: 'ALLOWANCE', scheme: request.scheme, ...(period === undefined ? {} : { maxVintage: period.lastYear }) },
    ...(request.id === undefined ? {} : { id: request.id }),
  });
}

/** Buys credits out of a credit registry: an external transfer (both phases at `at`) or, within one registry, internal. */
export function purchaseCredits(system: RegistrySystem, request: { from: AccountRef; to: AccountRef; quantity: number; unit: UnitFilter; at: Instant; id?: TxId }): TxResult {
  return submit(system, {
    type: request.from.registry === request.to.registry ? 'TRANSFER_INTERNAL' : 'TRANSFER_EXTERNAL',
    at: request.at, from: request.from, to: request.to, quantity: request.quantity, unit: request.unit,
    ...(request.id === undefined ? {} : { id: request.id }),
  });
}

/** A credit use toward compliance: surrendered with the allowances, or retired/invalidated in the credit's own registry. */
export interface CreditUse {
  from: AccountRef;
  quantity: number;
  unit: UnitFilter;
  via: 'SURRENDER' | 'RETIRE' | 'INVALIDATE';
}

export interface ComplianceRequest {
  /** The entity's account in the scheme's registry. */
  account: AccountRef;
  scheme: SchemeId;
  period: PeriodId;
  at: Instant;
  /** Allowances of the scheme with vintage ≤ the period's last year (banked vintages first). */
  allowances: number;
  /** Next-vintage allowances (BORROW policy, P10). */
  borrow?: number;
  credits?: readonly CreditUse[];
  batchId?: TxId;
}

/**
 * Surrender for (entity, scheme, period): credits first (so a credit limit is seen before allowances are spent),
 * then allowances, then borrowed next-vintage allowances. Each leg is checked on its own (P03/P04/P05/P10/U07).
 */
export function surrenderForCompliance(system: RegistrySystem, request: ComplianceRequest): BatchResult {
  const { registry, accounts } = schemeRules(system, request.scheme);
  const period = system.config.schemes.get(request.scheme)!.compliancePeriods?.find((p) => p.id === request.period);
  const lastYear = period?.lastYear ?? Number.MAX_SAFE_INTEGER;
  const compliance = { scheme: request.scheme, period: request.period };
  const surrenderAccount = { registry, account: accounts.surrender };
  const batch = emptyBatch();
  let index = 0;
  for (const credit of request.credits ?? []) {
    if (credit.quantity > 0) {
      const base = { at: request.at, from: credit.from, quantity: credit.quantity, unit: credit.unit, compliance, ...legId(request.batchId, index) };
      const legRequest: TxRequest = credit.via === 'SURRENDER'
        ? { ...base, type: 'SURRENDER', to: surrenderAccount }
        : credit.via === 'RETIRE'
          ? { ...base, type: 'RETIRE', to: { registry: credit.from.registry, account: 'RETIREMENT' } }
          : { ...base, type: 'INVALIDATE', to: { registry: credit.from.registry, account: 'INVALIDATION' } };
      record(batch, submit(system, legRequest));
    }
    index++;
  }
  if (request.allowances > 0) {
    record(batch, submit(system, {
      type: 'SURRENDER', at: request.at, from: request.account, to: surrenderAccount, quantity: request.allowances,
      unit: { unitType: 'ALLOWANCE', scheme: request.scheme, maxVintage: lastYear }, compliance, ...legId(request.batchId, index),
    }));
  }
  index++;
  if ((request.borrow ?? 0) > 0) {
    record(batch, submit(system, {
      type: 'SURRENDER', at: request.at, from: request.account, to: surrenderAccount, quantity: request.borrow!,
      unit: { unitType: 'ALLOWANCE', scheme: request.scheme, vintage: lastYear + 1 }, compliance, ...legId(request.batchId, index),
    }));
  }
  return batch;
}

/** Records verified emissions for many entities; returns the messages of rows that were refused. */
export function reportEmissionsBatch(system: RegistrySystem, rows: readonly EmissionsReport[]): string[] {
  const problems: string[] = [];
  for (const [index, row] of rows.entries()) {
    const result = reportEmissions(system, row);
    if (!result.ok) problems.push(`rows[${index}]: ${result.message}`);
  }
  return problems;
}

/** Runs EXPIRE in every registry at `at`. */
export function expireAll(system: RegistrySystem, at: Instant): ExpireResult[] {
  return [...system.registries.keys()].map((registry) => expireUnits(system, { registry, at }));
}

/** ACTIVE balance of an account, optionally of units matching a filter, t. */
export function balanceOf(system: RegistrySystem, account: AccountRef, filter?: UnitFilter): number {
  if (getAccount(system, account) === undefined) return 0;
  return activeBalance(system, account, filter === undefined ? undefined : (cls) => matchesFilter(cls, filter));
}
