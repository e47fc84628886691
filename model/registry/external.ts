/**
 * Two-phase external transfer (§5.4 TRANSFER_EXTERNAL; DES/ITL): propose (all checks, units RESERVED in the source)
 * → independent log check → acceptance by the acquiring registry → completion (units move atomically to the
 * destination and leave the source), or termination (rejection, failed check, timeout S05), which returns the units
 * to ACTIVE in the source and releases every reservation (§5.6 inv. 5, 6).
 *
 * `submit` with a TRANSFER_EXTERNAL request runs all phases at one instant; use these functions to model the
 * phases separately (concurrency, rejections, timeouts).
 */
import { reject, type CheckCode, type Rejection } from './checkCodes.js';
import type { Instant } from './instant.js';
import { DEFAULT_EXTERNAL_TIMEOUT_MS } from './rules.js';
import {
  accountKey, canAcquire, getAccount, holdableFor, type PendingTx, type RegistrySystem,
} from './system.js';
import { EXTERNAL_TRANSFER_PATCH, applyPlan, evaluate, movePiece, nextTxId, type MoveRequest, type Piece, type TxApplied, type TxResult } from './transact.js';
import { matchesAny, type TxId } from './types.js';

export type StepResult = { ok: true; txId: TxId; stage: 'CHECKED' | 'COMPLETED' | 'TERMINATED' } | Rejection;

/** Phase 1: checks S→X, reserves the units in the source and records the proposal in the log. */
export function proposeExternal(system: RegistrySystem, request: MoveRequest & { type: 'TRANSFER_EXTERNAL' }): TxResult {
  const plan = evaluate(system, request);
  if ('ok' in plan) return plan;
  const txId = plan.txId ?? nextTxId(system, plan.idRegistry);
  const source = plan.from!;
  const dest = plan.to!;
  const pending: PendingTx = {
    id: txId, type: 'TRANSFER_EXTERNAL', proposedAt: request.at, stage: 'PROPOSED',
    from: { registry: source.registry, account: source.id }, to: { registry: dest.registry, account: dest.id },
    quantity: plan.quantity, ranges: plan.pieces.map((p) => ({ classId: p.cls.id, start: p.start, end: p.end })),
  };
  plan.txId = txId;
  plan.reservedBy = txId;
  plan.to = source;
  plan.destStatus = 'RESERVED';
  plan.patch = null;
  plan.correspondingAdjustment = 0;
  const result: TxApplied = applyPlan(system, plan);
  system.pending.set(txId, pending);
  return result;
}

function timeoutOf(system: RegistrySystem, pending: PendingTx): number {
  return system.registries.get(pending.from.registry)!.config.externalTimeoutMs ?? DEFAULT_EXTERNAL_TIMEOUT_MS;
}

function reservedPieces(system: RegistrySystem, pending: PendingTx): Piece[] {
  const account = getAccount(system, pending.from)!;
  const holdings = account.reserved.get(pending.id) ?? [];
  return pending.ranges.map((r) => ({
    holding: holdings.find((h) => h.classId === r.classId)!, account, cls: system.classes[r.classId]!, start: r.start, end: r.end,
  }));
}

/** Ends a pending transfer: units back to ACTIVE in the source, advance-sale counts restored, TERMINATED logged. */
function terminate(system: RegistrySystem, pending: PendingTx, at: Instant, code: CheckCode, reason: string): void {
  const source = getAccount(system, pending.from)!;
  const firstEffect = system.log.effectCount;
  for (const piece of reservedPieces(system, pending)) {
    if (piece.cls.advance) {
      const scheme = system.config.schemes.get(piece.cls.scheme);
      const record = scheme?.advanceSale === undefined ? undefined : system.advance.get(`${accountKey(source)}|${piece.cls.scheme}`);
      if (record !== undefined && !record.confirmed) record.sold -= piece.end - piece.start + 1;
    }
    movePiece(system, piece, source, 'ACTIVE', null, null);
  }
  system.pending.delete(pending.id);
  system.log.commit(firstEffect, pending.id, 'TRANSFER_EXTERNAL', at, 'TERMINATED', { reason: `${code}: ${reason}` });
}

function pendingOrReject(system: RegistrySystem, txId: TxId, at: Instant): PendingTx | Rejection {
  const pending = system.pending.get(txId);
  if (pending === undefined) return reject('S05', `${txId} is not a pending transfer (completed, terminated or unknown)`);
  const timeout = timeoutOf(system, pending);
  if (at - pending.proposedAt > timeout) {
    const message = `${txId} proposed at ${new Date(pending.proposedAt).toISOString()} is older than the ${timeout / 3_600_000} h timeout; terminated`;
    terminate(system, pending, at, 'S05', message);
    return reject('S05', message);
  }
  return pending;
}

/** Phase 2: the independent log checks the proposal (issued serials, no other pending use); a failure terminates it. */
export function checkExternal(system: RegistrySystem, txId: TxId, at: Instant): StepResult {
  const pending = pendingOrReject(system, txId, at);
  if ('ok' in pending) return pending;
  const problem = system.log.checkRanges(txId, pending.ranges.map((r) => ({ origin: system.classes[r.classId]!.origin, start: r.start, end: r.end })));
  if (problem !== null) {
    terminate(system, pending, at, 'U05', problem);
    return reject('U05', `transaction log check failed, ${txId} terminated: ${problem}`);
  }
  pending.stage = 'CHECKED';
  return { ok: true, txId, stage: 'CHECKED' };
}

/**
 * Phase 3: the acquiring registry accepts (re-checking its account: A02, A04, A07) and the transfer completes.
 * Runs the log check first if it has not run. A stale proposal is terminated (S05).
 */
export function acceptExternal(system: RegistrySystem, txId: TxId, at: Instant): StepResult {
  const pending = pendingOrReject(system, txId, at);
  if ('ok' in pending) return pending;
  if (pending.stage === 'PROPOSED') {
    const checked = checkExternal(system, txId, at);
    if (!checked.ok) return checked;
  }
  const dest = getAccount(system, pending.to);
  const pieces = reservedPieces(system, pending);
  let failure: Rejection | null = null;
  if (dest === undefined) failure = reject('A02', `acquiring registry: account ${accountKey(pending.to)} not found`);
  else if (!canAcquire(dest.status)) failure = reject('A04', `acquiring registry: ${accountKey(dest)} is ${dest.status}`);
  else {
    const selectors = holdableFor(system.registries.get(dest.registry)!.config, dest.type);
    const bad = pieces.find((p) => !matchesAny(p.cls, selectors));
    if (bad !== undefined) failure = reject('A07', `acquiring registry: ${accountKey(dest)} cannot hold ${bad.cls.unitType} of ${bad.cls.scheme}`);
  }
  if (failure !== null) {
    terminate(system, pending, at, failure.code, failure.message);
    return failure;
  }
  const firstEffect = system.log.effectCount;
  let correspondingAdjustment = 0;
  for (const piece of pieces) {
    if (piece.cls.art6 !== null && !piece.cls.art6.firstTransferred) correspondingAdjustment += piece.end - piece.start + 1;
    movePiece(system, piece, dest!, 'ACTIVE', EXTERNAL_TRANSFER_PATCH, null);
  }
  system.registries.get(pending.from.registry)!.correspondingAdjustments += correspondingAdjustment;
  system.pending.delete(txId);
  system.log.commit(firstEffect, txId, 'TRANSFER_EXTERNAL', at, 'COMPLETED', null);
  return { ok: true, txId, stage: 'COMPLETED' };
}

/** The acquiring registry (or the log) refuses: the transfer is terminated and the units return to ACTIVE. */
export function rejectExternal(system: RegistrySystem, txId: TxId, at: Instant, reason: string): StepResult {
  const pending = system.pending.get(txId);
  if (pending === undefined) return reject('S05', `${txId} is not a pending transfer (completed, terminated or unknown)`);
  terminate(system, pending, at, 'X02', `rejected by the acquiring registry: ${reason}`);
  return { ok: true, txId, stage: 'TERMINATED' };
}

/** Terminates every pending transfer older than its registry's timeout at `at` (S05). Returns their ids. */
export function terminateStale(system: RegistrySystem, at: Instant): TxId[] {
  const stale: PendingTx[] = [];
  for (const pending of system.pending.values()) if (at - pending.proposedAt > timeoutOf(system, pending)) stale.push(pending);
  for (const pending of stale) terminate(system, pending, at, 'S05', `older than the ${timeoutOf(system, pending) / 3_600_000} h timeout`);
  return stale.map((p) => p.id);
}
