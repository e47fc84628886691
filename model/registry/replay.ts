/**
 * Rebuilding holdings from the log (§5.6 inv. 8) and the canonical block view of a live system, so the two can be
 * compared. Both produce `LedgerSegment`s sorted by (origin, start) with adjacent segments at the same location
 * merged, i.e. a canonical form: equal holdings give deep-equal arrays.
 */
import type { LogLocation, TransactionLog } from './log.js';
import type { RegistrySystem } from './system.js';
import type { RegistryId } from './types.js';

export interface LedgerSegment extends LogLocation {
  origin: RegistryId;
  start: number;
  end: number;
}

export class ReplayError extends Error {
  override readonly name = 'ReplayError';
}

interface Seg {
  start: number;
  end: number;
  /** Location id in the log's dictionary. */
  loc: number;
}

function describe(l: LogLocation): string {
  return `${l.registry}/${l.account} ${l.status}${l.reservedBy === null ? '' : `(${l.reservedBy})`} [${l.cls}]`;
}

function firstIndexEndingAtOrAfter(segments: Seg[], serial: number): number {
  let lo = 0, hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (segments[mid]!.end < serial) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** Rebuilds the block set from the log alone. Throws `ReplayError` when the log contradicts itself. */
export function replay(log: TransactionLog): LedgerSegment[] {
  const byOrigin: Seg[][] = log.origins.map(() => []);
  for (let seq = 0; seq < log.size; seq++) {
    const [first, last] = log.effectRange(seq);
    for (let k = first; k < last; k++) {
      const segments = byOrigin[log.effectOrigins[k]!]!;
      const start = log.effectFirst[k]!, end = log.effectLast[k]!, from = log.effectFrom[k]!, to = log.effectTo[k]!;
      const where = (): string => `log entry ${seq} (${log.entry(seq).type} ${log.txIds[seq]}) effect ${k - first}: ${log.origins[log.effectOrigins[k]!]}`;
      const i = firstIndexEndingAtOrAfter(segments, start);
      if (from < 0) {
        if (i < segments.length && segments[i]!.start <= end) throw new ReplayError(`${where()} [${start}, ${end}] issued over existing serials`);
        segments.splice(i, 0, { start, end, loc: to });
        continue;
      }
      let cursor = start;
      let j = i;
      for (; j < segments.length && cursor <= end; j++) {
        const seg = segments[j]!;
        if (seg.start > cursor) break;
        if (seg.loc !== from) throw new ReplayError(`${where()} [${Math.max(seg.start, start)}, ${Math.min(seg.end, end)}] is at ${describe(log.locationAt(seg.loc))}, log says ${describe(log.locationAt(from))}`);
        cursor = seg.end + 1;
      }
      if (cursor <= end) throw new ReplayError(`${where()} serial ${cursor} does not exist`);
      const head = segments[i]!, tail = segments[j - 1]!;
      const replacement: Seg[] = [];
      if (head.start < start) replacement.push({ start: head.start, end: start - 1, loc: head.loc });
      replacement.push({ start, end, loc: to });
      if (tail.end > end) replacement.push({ start: end + 1, end: tail.end, loc: tail.loc });
      segments.splice(i, j - i, ...replacement);
    }
  }
  const out: LedgerSegment[] = [];
  const order = log.origins.map((origin, id) => ({ origin, id })).sort((a, b) => (a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : 0));
  for (const { origin, id } of order) {
    let previous: LedgerSegment | null = null;
    let previousLoc = -1;
    for (const seg of byOrigin[id]!) {
      if (previous !== null && previous.end + 1 === seg.start && previousLoc === seg.loc) { previous.end = seg.end; continue; }
      previous = { origin, start: seg.start, end: seg.end, ...log.locationAt(seg.loc) };
      previousLoc = seg.loc;
      out.push(previous);
    }
  }
  return out;
}

function sameLocation(a: LogLocation, b: LogLocation): boolean {
  return a.registry === b.registry && a.account === b.account && a.cls === b.cls && a.status === b.status && a.reservedBy === b.reservedBy;
}

/** The live system's block set in the same canonical form as `replay`. */
export function ledgerView(system: RegistrySystem): LedgerSegment[] {
  const byOrigin = new Map<RegistryId, LedgerSegment[]>();
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
  const out: LedgerSegment[] = [];
  for (const origin of [...byOrigin.keys()].sort()) {
    const segments = byOrigin.get(origin)!.sort((a, b) => a.start - b.start);
    let previous: LedgerSegment | null = null;
    for (const seg of segments) {
      if (previous !== null && previous.end + 1 === seg.start && sameLocation(previous, seg)) previous.end = seg.end;
      else { previous = seg; out.push(seg); }
    }
  }
  return out;
}
