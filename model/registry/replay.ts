/**
 * Rebuilding holdings from the log (§5.6 inv. 8) and the canonical block view of a live system, so the two can be
 * compared. Both produce `LedgerSegment`s sorted by (origin, start) with adjacent segments at the same location
 * merged, i.e. a canonical form: equal holdings give deep-equal arrays.
 */
import { BlockList } from './blockList.js';
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

function describe(l: LogLocation): string {
  return `${l.registry}/${l.account} ${l.status}${l.reservedBy === null ? '' : `(${l.reservedBy})`} [${l.cls}]`;
}

/**
 * Rebuilds the block set from the log alone. Throws `ReplayError` when the log contradicts itself: an issuance over
 * existing serials, or a move of serials that are not (all) at the stated source location.
 *
 * Each log location (account, class, status, lock) gets its own block list, so an effect costs O(log n); the
 * serials of one effect always lie inside one block of their source (a moved piece never spans two blocks).
 */
export function replay(log: TransactionLog): LedgerSegment[] {
  const atLocation: BlockList[] = [];
  const originOf: number[] = [];
  const issued = log.origins.map(() => new BlockList());
  const listAt = (loc: number, origin: number): BlockList => {
    let list = atLocation[loc];
    if (list === undefined) { list = new BlockList(); atLocation[loc] = list; originOf[loc] = origin; }
    return list;
  };
  for (let seq = 0; seq < log.size; seq++) {
    const [first, last] = log.effectRange(seq);
    for (let k = first; k < last; k++) {
      const origin = log.effectOrigins[k]!;
      const start = log.effectFirst[k]!, end = log.effectLast[k]!, from = log.effectFrom[k]!, to = log.effectTo[k]!;
      const where = (): string => `log entry ${seq} (${log.entry(seq).type} ${log.txIds[seq]}) effect ${k - first}: ${log.origins[origin]} [${start}, ${end}]`;
      if (from < 0) {
        if (issued[origin]!.overlaps(start, end)) throw new ReplayError(`${where()} issued over existing serials`);
        issued[origin]!.insert(start, end);
      } else {
        const source = atLocation[from];
        const i = source === undefined ? -1 : source.indexContaining(start);
        if (source === undefined || i < 0 || source.ends[i]! < end) {
          throw new ReplayError(`${where()} is not at ${describe(log.locationAt(from))}, where the log says it is${issued[origin]!.coveredCount(start, end) === end - start + 1 ? '' : ' (some serials do not exist)'}`);
        }
        source.remove(start, end);
      }
      const target = listAt(to, origin);
      if (target.overlaps(start, end)) throw new ReplayError(`${where()} already at ${describe(log.locationAt(to))}`);
      target.insert(start, end);
    }
  }
  const byOrigin = new Map<number, Array<{ start: number; end: number; loc: number }>>();
  for (const [loc, list] of atLocation.entries()) {
    if (list === undefined || list.total === 0) continue;
    let segments = byOrigin.get(originOf[loc]!);
    if (segments === undefined) { segments = []; byOrigin.set(originOf[loc]!, segments); }
    for (const [start, end] of list.toArray()) segments.push({ start, end, loc });
  }
  const out: LedgerSegment[] = [];
  const order = [...byOrigin.keys()].sort((a, b) => (log.origins[a]! < log.origins[b]! ? -1 : log.origins[a]! > log.origins[b]! ? 1 : 0));
  for (const id of order) {
    const segments = byOrigin.get(id)!.sort((a, b) => a.start - b.start);
    let previous: LedgerSegment | null = null;
    let previousLoc = -1;
    for (const seg of segments) {
      if (previous !== null && previous.end + 1 === seg.start && previousLoc === seg.loc) { previous.end = seg.end; continue; }
      previous = { origin: log.origins[id]!, start: seg.start, end: seg.end, ...log.locationAt(seg.loc) };
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
