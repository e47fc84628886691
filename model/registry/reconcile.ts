/**
 * Two-party reconciliation between the registries and the independent log (§5.6 inv. 8): first totals per
 * (registry, account type, unit type, status), then blocks, then the audit trail. Serials whose location differs are
 * frozen (U05) until `unfreeze` is called for them.
 */
import { ledgerView, replay, ReplayError, type LedgerSegment } from './replay.js';
import { getOrigin, isUsedTxId, type RegistrySystem } from './system.js';
import type { RegistryId, SerialRange } from './types.js';

export interface TotalsMismatch {
  key: string;
  registry: number;
  log: number;
}

export interface ReconciliationReport {
  ok: boolean;
  totals: TotalsMismatch[];
  /** Serial ranges whose holder, class or status differ between registry and log. */
  blocks: SerialRange[];
  audit: string[];
  /** Set when the log could not be replayed at all. */
  replayError: string | null;
}

function totalsOf(system: RegistrySystem, segments: readonly LedgerSegment[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const seg of segments) {
    const account = system.registries.get(seg.registry)?.accounts.get(seg.account);
    const unitType = seg.cls.split('|')[1];
    const key = `${seg.registry}|${account?.type ?? '?'}|${unitType}|${seg.status}`;
    totals.set(key, (totals.get(key) ?? 0) + seg.end - seg.start + 1);
  }
  return totals;
}

function sameAt(a: LedgerSegment, b: LedgerSegment): boolean {
  return a.registry === b.registry && a.account === b.account && a.cls === b.cls && a.status === b.status && a.reservedBy === b.reservedBy;
}

/** Serial ranges (per origin) where the two canonical views differ, including serials present in only one. */
export function diffSegments(left: readonly LedgerSegment[], right: readonly LedgerSegment[]): SerialRange[] {
  const byOrigin = (list: readonly LedgerSegment[]): Map<RegistryId, LedgerSegment[]> => {
    const map = new Map<RegistryId, LedgerSegment[]>();
    for (const seg of list) {
      let arr = map.get(seg.origin);
      if (arr === undefined) { arr = []; map.set(seg.origin, arr); }
      arr.push(seg);
    }
    return map;
  };
  const a = byOrigin(left), b = byOrigin(right);
  const out: SerialRange[] = [];
  const push = (origin: RegistryId, start: number, end: number): void => {
    const last = out[out.length - 1];
    if (last !== undefined && last.origin === origin && last.end + 1 === start) last.end = end;
    else out.push({ origin, start, end });
  };
  for (const origin of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const xs = a.get(origin) ?? [], ys = b.get(origin) ?? [];
    // Sweep over all segment boundaries.
    const cuts = new Set<number>();
    for (const s of [...xs, ...ys]) { cuts.add(s.start); cuts.add(s.end + 1); }
    const points = [...cuts].sort((p, q) => p - q);
    let i = 0, j = 0;
    for (let k = 0; k + 1 < points.length; k++) {
      const lo = points[k]!, hi = points[k + 1]! - 1;
      while (i < xs.length && xs[i]!.end < lo) i++;
      while (j < ys.length && ys[j]!.end < lo) j++;
      const x = i < xs.length && xs[i]!.start <= lo ? xs[i]! : null;
      const y = j < ys.length && ys[j]!.start <= lo ? ys[j]! : null;
      if (x === null && y === null) continue;
      if (x === null || y === null || !sameAt(x, y)) push(origin, lo, hi);
    }
  }
  return out;
}

/** Compares registries with the log; with `freeze` (default true) mismatching serials are frozen (U05). */
export function reconcile(system: RegistrySystem, options: { freeze?: boolean } = {}): ReconciliationReport {
  const live = ledgerView(system);
  let logged: LedgerSegment[];
  try {
    logged = replay(system.log);
  } catch (error) {
    if (!(error instanceof ReplayError)) throw error;
    return { ok: false, totals: [], blocks: [], audit: [], replayError: error.message };
  }
  const totals: TotalsMismatch[] = [];
  const liveTotals = totalsOf(system, live), logTotals = totalsOf(system, logged);
  for (const key of [...new Set([...liveTotals.keys(), ...logTotals.keys()])].sort()) {
    const r = liveTotals.get(key) ?? 0, l = logTotals.get(key) ?? 0;
    if (r !== l) totals.push({ key, registry: r, log: l });
  }
  const blocks = diffSegments(live, logged);
  const audit: string[] = [];
  const open = new Set<string>();
  const log = system.log;
  for (let seq = 0; seq < log.size; seq++) {
    const txId = log.txIds[seq]!, phase = log.phaseOf(seq);
    if (phase === 'PROPOSED') open.add(txId);
    if (phase === 'COMPLETED' || phase === 'TERMINATED') {
      if (!open.delete(txId)) audit.push(`log ${seq}: ${phase} ${txId} without a proposal`);
    }
    if (!isUsedTxId(system, txId)) audit.push(`log ${seq}: ${txId} unknown to the registries`);
  }
  for (const id of open) if (!system.pending.has(id)) audit.push(`log: ${id} is pending in the log but not in the registry`);
  for (const id of system.pending.keys()) if (!open.has(id)) audit.push(`registry: ${id} is pending but the log has no open proposal`);
  if (options.freeze !== false) for (const range of blocks) getOrigin(system, range.origin).frozen.add(range.start, range.end);
  return { ok: totals.length === 0 && blocks.length === 0 && audit.length === 0, totals, blocks, audit, replayError: null };
}

/** Lifts a freeze once a discrepancy is resolved. */
export function unfreeze(system: RegistrySystem, range: SerialRange): void {
  getOrigin(system, range.origin).frozen.subtract(range.start, range.end);
}

/** Freezes serials directly (e.g. a discrepancy notified by the log administrator). */
export function freeze(system: RegistrySystem, range: SerialRange): void {
  getOrigin(system, range.origin).frozen.add(range.start, range.end);
}
