/**
 * # Registry layer: multi-registry unit accounting (REGISTRY.md §B)
 *
 * The one source of truth for holdings. Pure and deterministic: no file system, no clock (time is an explicit
 * `Instant` argument, see `instant.ts`), no randomness. Functions mutate only the `RegistrySystem` passed in; use
 * `cloneSystem` to branch a state. Policy is data (`rules.ts`, `japanRules.ts`); nothing branches on a scheme name.
 *
 * ## Model
 * - **Units** are serial blocks identified by (origin registry, serial), whole tonnes in safe-integer numbers.
 *   A holding is (account, unit class, status) → a sorted list of disjoint ranges with a cached total
 *   (`blockList.ts`), so operations cost O(blocks touched): taking from the front and appending are O(1).
 * - **Registries** (`RegistryConfig`): allowance registries per scheme (GX, TOKYO, …), a national Kyoto registry
 *   (JP-KP, with Party parameters for the CPR), credit registries (JCREDIT: J-Credit, 国内クレジット, J-VER; JCM-JP;
 *   VOLUNTARY). Each has a holdable-unit matrix per account type; **links** say which units may cross between them.
 * - **Accounts** (§5.3) have a type, a status and a holder entity; each scheme gets TOTAL_QUANTITY, ALLOCATION,
 *   AUCTION, RESERVE and SURRENDER accounts, each registry RETIREMENT, DELETION, INVALIDATION, REPLACEMENT and
 *   CANCELLATION/{reason} sinks.
 * - **Transactions** (§5.4, `transact.ts`): ISSUE, ALLOCATE, AUCTION_DELIVERY, TRANSFER_INTERNAL,
 *   TRANSFER_EXTERNAL (two-phase in `external.ts`: propose/reserve → log check → accept → complete, or
 *   reject/timeout → units back to ACTIVE), SURRENDER, RETIRE, CANCEL (reason), DELETE, INVALIDATE, CONVERT,
 *   CARRY_OVER, EXPIRE (`expire.ts`), REPLACE, RETURN_EXCESS_ALLOCATION, REVERSE (once, in its window). BORROW is
 *   the policy letting a SURRENDER use next-vintage units within the scheme limit (P10). Banking needs nothing:
 *   units stay ACTIVE.
 * - **Checks** (§5.5, `checkCodes.ts`) run in the order S, A, U, P, X and stop at the first failure; a rejection
 *   `{ ok: false, code, name, message }` leaves the system deep-equal to before.
 * - **Aggregated transactions** (`aggregate.ts`): many legs of one type as one atomic transaction with one log
 *   entry; the engine's bulk path (10,000 firms per call).
 * - **The log** (`log.ts`) is independent and append-only; `replay(log)` rebuilds every holding; `reconcile`
 *   compares totals, then blocks, then the audit trail, and freezes discrepancies (U05).
 * - **Compliance** (`compliance.ts`): per (entity, scheme, period), surrendered − verified emissions; credits count
 *   under the scheme's limits (P04) and eligibility (P05).
 * - **Rounding** (`apportion.ts`): largest-remainder apportionment turns fractional results into whole tonnes
 *   that conserve totals.
 *
 * ## Engine API (`api.ts`), per period
 * ```ts
 * const system = createRegistrySystem(japanRegistryConfig({ gx: { caps } }));
 * openFirmAccounts(system, 'GX', firmIds);                                   // once
 * issueCap(system, { scheme: 'GX', vintage: 2026, quantity: cap, at });
 * allocateFree(system, { scheme: 'GX', vintage: 2026, at, legs: firmIds.map((account, i) => ({ account, quantity: free[i] })) });
 * deliverAuction(system, { scheme: 'GX', vintage: 2026, at, legs: winners });
 * settleTrades(system, { registry: 'GX', at, unit: { unitType: 'ALLOWANCE', scheme: 'GX' }, trades });   // net positions
 * purchaseCredits(system, { from: { registry: 'JCREDIT', account: 'SELLER' }, to: { registry: 'GX', account: 'F1' }, quantity, unit, at });
 * reportEmissionsBatch(system, firmIds.map((entity, i) => ({ entity, scheme: 'GX', period: 'FY2026', verifiedEmissions: e[i] })));
 * surrenderAllowances(system, { scheme: 'GX', period: 'FY2026', at, legs });          // all firms, one transaction
 * surrenderForCompliance(system, { account, scheme: 'GX', period: 'FY2026', at, allowances, borrow, credits });  // one firm, credits + borrowing
 * expireAll(system, at);
 * complianceStatus(system, entity, 'GX', 'FY2026').balance;                          // ≥ 0: compliant
 * ```
 * Lower level: `submit(system, request)` for any single transaction, `submitAggregate` for a multi-leg one,
 * `proposeExternal` / `checkExternal` / `acceptExternal` / `rejectExternal` / `terminateStale` for the phases of
 * an external transfer.
 */
export * from './types.js';
export * from './instant.js';
export * from './checkCodes.js';
export * from './rules.js';
export * from './blockList.js';
export * from './apportion.js';
export {
  createRegistrySystem, openAccount, setAccountStatus, registerProject, cloneSystem, getAccount, activeBalance, isUsedTxId,
  sinkAccountId, defaultSchemeAccounts,
  type RegistrySystem, type Account, type Holding, type UnitClass, type ComplianceRecord, type ProjectRecord, type AccountResult,
} from './system.js';
export {
  submit, evaluate,
  type TxRequest, type TxResult, type TxApplied, type AppliedRange, type SelectionSpec, type IssueRequest, type MoveRequest,
  type SurrenderRequest, type RetireRequest, type InvalidateRequest, type CancelRequest, type ConvertRequest,
  type CarryOverRequest, type ReplaceRequest, type ReverseRequest, type ComplianceTarget,
} from './transact.js';
export { submitAggregate, evaluateAggregate, type AggregateRequest, type AggregateLeg } from './aggregate.js';
export { proposeExternal, checkExternal, acceptExternal, rejectExternal, terminateStale, type StepResult } from './external.js';
export { expireUnits, type ExpireRequest, type ExpireResult } from './expire.js';
export { reportEmissions, complianceStatus, confirmAdvance, type EmissionsReport, type ComplianceStatus } from './compliance.js';
export { TransactionLog, type LogEntry, type LogEffect, type LogLocation, type LogCompliance, type LogPhase } from './log.js';
export { replay, ledgerView, ReplayError, type LedgerSegment } from './replay.js';
export { reconcile, freeze, unfreeze, diffSegments, type ReconciliationReport } from './reconcile.js';
export { japanRegistryConfig, JAPAN_SOURCES, type JapanRegistryOptions } from './japanRules.js';
export * from './api.js';
