/**
 * Rebuilding holdings from the log (§5.6 inv. 8) and the canonical block view of a live system, so the two can be
 * compared. Both produce `LedgerSegment`s sorted by (origin, start) with adjacent segments at the same location
 * merged, i.e. a canonical form: equal holdings give deep-equal arrays.
 */
import type { LogEntry, LogLocation, TransactionLog } from './log.js';
import type { RegistrySystem } from './system.js';
import type { RegistryId, UnitClassData } from './types.js';

export interface LedgerSegment extends LogLocation {
  origin: RegistryId;
  start: number;
  end: number;
}

export class ReplayError extends Error {
  override readonly name = 'ReplayError';
}

function sameLocation(a: LogLocation, b: LogLocation): boolean {
  return a.registry === b.registry && a.account === b.account && a.cls === b.cls && a.status === b.status && a.reservedBy === b.reservedBy;
}

function describe(l: LogLocation): string {
  return `${l.registry}/${l.account} ${l.status}${l.reservedBy === null ? '' : `(${l.reservedBy})`} [${l.cls}]`;
}

/** Segments of one origin, sorted by start, disjoint. */
type Segments = LedgerSegment[];

function firstIndexEndingAtOrAfter(segments: Segments, serial: number): number {
  let lo = 0, hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (segments[mid]!.end < serial) lo = mid + 1; else hi = mid;
  }
  return lo;
}

function applyEffect(byOrigin: Map<RegistryId, Segments>, entry: LogEntry, effectIndex: number): void {
  const effect = entry.effects[effectIndex]!;
  const where = `log entry ${entry.seq} (${entry.type} ${entry.txId}) effect ${effectIndex}`;
  let segments = byOrigin.get(effect.origin);
  if (segments === undefined) { segments = []; byOrigin.set(effect.origin, segments); }
  const i = firstIndexEndingAtOrAfter(segments, effect.start);
  if (effect.from === null) {
    if (i < segments.length && segments[i]!.start <= effect.end) throw new ReplayError(`${where}: issues ${effect.origin} [${effect.start}, ${effect.end}] over existing serials`);
    segments.splice(i, 0, { origin: effect.origin, start: effect.start, end: effect.end, ...effect.to });
    return;
  }
  // The covering segments must be contiguous, at the stated source location.
  let cursor = effect.start;
  let j = i;
  for (; j < segments.length && cursor <= effect.end; j++) {
    const seg = segments[j]!;
    if (seg.start > cursor) break;
    if (!sameLocation(seg, effect.from)) throw new ReplayError(`${where}: ${effect.origin} [${Math.max(seg.start, effect.start)}, ${Math.min(seg.end, effect.end)}] is at ${describe(seg)}, log says ${describe(effect.from)}`);
    cursor = seg.end + 1;
  }
  if (cursor <= effect.end) throw new ReplayError(`${where}: ${effect.origin} serial ${cursor} does not exist`);
  const first = segments[i]!, last = segments[j - 1]!;
  const replacement: LedgerSegment[] = [];
  if (first.start < effect.start) replacement.push({ ...first, end: effect.start - 1 });
  replacement.push({ origin: effect.origin, start: effect.start, end: effect.end, ...effect.to });
  if (last.end > effect.end) replacement.push({ ...last, start: effect.end + 1 });
  segments.splice(i, j - i, ...replacement);
}

function canonical(byOrigin: Map<RegistryId, Segments>): LedgerSegment[] {
  const out: LedgerSegment[] = [];
  for (const origin of [...byOrigin.keys()].sort()) {
    let previous: LedgerSegment | null = null;
    for (const seg of byOrigin.get(origin)!) {
      if (previous !== null && previous.end + 1 === seg.start && sameLocation(previous, seg)) {
        previous.end = seg.end;
      } else {
        previous = { ...seg };
        out.push(previous);
      }
    }
  }
  return out;
}

/** Rebuilds the block set from the log alone. Throws `ReplayError` when the log contradicts itself. */
export function replay(log: TransactionLog): LedgerSegment[] {
  const byOrigin = new Map<RegistryId, Segments>();
  for (const entry of log.entries) {
    for (let k = 0; k < entry.effects.length; k++) applyEffect(byOrigin, entry, k);
  }
  return canonical(byOrigin);
}

/** The live system's block set in the same canonical form as `replay`. */
export function ledgerView(system: RegistrySystem): LedgerSegment[] {
  const byOrigin = new Map<RegistryId, Segments>();
  for (const registry of system.registries.values()) {
    for (const account of registry.accounts.values()) {
      const holdings = [...account.holdings.values()];
      for (const list of account.reserved.values()) holdings.push(...list);
      for (const holding of holdings) {
        const cls = system.classes[holding.classId]!;
        let segments = byOrigin.get(cls.origin);
        if (segments === undefined) { segments = []; byOrigin.set(cls.origin, segments); }
        for (const [start, end] of holding.blocks.toArray()) {
          segments.push({ origin: cls.origin, start, end, registry: registry.id, account: account.id, cls: cls.key, status: holding.status, reservedBy: holding.reservedBy });
        }
      }
    }
  }
  for (const segments of byOrigin.values()) segments.sort((a, b) => a.start - b.start);
  return canonical(byOrigin);
}

/** Class attributes by key, as the log recorded them. */
export function logClass(log: TransactionLog, key: string): UnitClassData {
  const data = log.classes.get(key);
  if (data === undefined) throw new ReplayError(`log has no class "${key}"`);
  return data;
}
