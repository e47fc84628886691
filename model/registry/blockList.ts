/**
 * A sorted list of disjoint inclusive serial ranges with a cached total: the storage of one holding.
 *
 * Costs: appending above the highest block and taking from the front are O(1) amortised; a lookup is O(log n);
 * inserting or removing in the middle is O(log n) plus an array splice. Adjacent ranges are merged on insert, so a
 * holding that receives serials in order stays one block.
 */
import { RegistryInvariantError } from './checkCodes.js';

export class BlockList {
  /** Block starts, ascending, from index `head`; entries before `head` are dead (taken from the front). */
  starts: number[] = [];
  ends: number[] = [];
  head = 0;
  /** Σ (end − start + 1) over live blocks. */
  total = 0;

  get count(): number {
    return this.starts.length - this.head;
  }

  /** Index of the last live block whose start ≤ serial, or head − 1 if none. */
  floorIndex(serial: number): number {
    let lo = this.head, hi = this.starts.length - 1, found = this.head - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! <= serial) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  /** Index of the live block containing `serial`, or −1. */
  indexContaining(serial: number): number {
    const i = this.floorIndex(serial);
    return i >= this.head && this.ends[i]! >= serial ? i : -1;
  }

  /** Number of serials of [start, end] this list holds. */
  coveredCount(start: number, end: number): number {
    let i = this.floorIndex(start);
    if (i < this.head) i = this.head;
    let covered = 0;
    for (; i < this.starts.length && this.starts[i]! <= end; i++) {
      const lo = Math.max(start, this.starts[i]!), hi = Math.min(end, this.ends[i]!);
      if (hi >= lo) covered += hi - lo + 1;
    }
    return covered;
  }

  overlaps(start: number, end: number): boolean {
    return this.count > 0 && this.coveredCount(start, end) > 0;
  }

  /** Adds [start, end]; it must not overlap a held serial (a broken partition is a bug, so this throws). */
  insert(start: number, end: number): void {
    const n = this.starts.length;
    if (this.head === n) {
      this.starts.length = 0; this.ends.length = 0; this.head = 0;
      this.starts.push(start); this.ends.push(end);
      this.total += end - start + 1;
      return;
    }
    const last = n - 1;
    if (start > this.ends[last]!) {
      if (this.ends[last]! + 1 === start) this.ends[last] = end;
      else { this.starts.push(start); this.ends.push(end); }
      this.total += end - start + 1;
      return;
    }
    const i = this.floorIndex(start);
    if (i >= this.head && this.ends[i]! >= start) throw new RegistryInvariantError(`insert [${start}, ${end}] overlaps [${this.starts[i]}, ${this.ends[i]}]`);
    const next = i + 1;
    if (next < n && this.starts[next]! <= end) throw new RegistryInvariantError(`insert [${start}, ${end}] overlaps [${this.starts[next]}, ${this.ends[next]}]`);
    const joinPrev = i >= this.head && this.ends[i]! + 1 === start;
    const joinNext = next < n && end + 1 === this.starts[next]!;
    if (joinPrev && joinNext) {
      this.ends[i] = this.ends[next]!;
      this.starts.splice(next, 1); this.ends.splice(next, 1);
    } else if (joinPrev) {
      this.ends[i] = end;
    } else if (joinNext) {
      this.starts[next] = start;
    } else if (next === this.head && this.head > 0) {
      this.head -= 1;
      this.starts[this.head] = start; this.ends[this.head] = end;
    } else {
      this.starts.splice(next, 0, start); this.ends.splice(next, 0, end);
    }
    this.total += end - start + 1;
  }

  /**
   * Adds many disjoint ranges at once (`ranges` = [s0, e0, s1, e1, …] in any order) by one linear merge: O(n + k log k)
   * instead of k splices. Used when an aggregated transaction delivers thousands of ranges into one holding.
   */
  insertMany(ranges: number[]): void {
    const k = ranges.length / 2;
    if (k < 16) { for (let i = 0; i < ranges.length; i += 2) this.insert(ranges[i]!, ranges[i + 1]!); return; }
    const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => ranges[2 * a]! - ranges[2 * b]!);
    const starts: number[] = [], ends: number[] = [];
    const push = (start: number, end: number): void => {
      const last = starts.length - 1;
      if (last >= 0 && ends[last]! >= start) throw new RegistryInvariantError(`insert [${start}, ${end}] overlaps [${starts[last]}, ${ends[last]}]`);
      if (last >= 0 && ends[last]! + 1 === start) ends[last] = end;
      else { starts.push(start); ends.push(end); }
    };
    let i = this.head, j = 0, added = 0;
    while (i < this.starts.length || j < k) {
      const takeOld = j >= k || (i < this.starts.length && this.starts[i]! < ranges[2 * order[j]!]!);
      if (takeOld) { push(this.starts[i]!, this.ends[i]!); i++; }
      else { const s = ranges[2 * order[j]!]!, e = ranges[2 * order[j]! + 1]!; push(s, e); added += e - s + 1; j++; }
    }
    this.starts = starts; this.ends = ends; this.head = 0; this.total += added;
  }

  /** Removes [start, end], which must lie inside one held block (the caller resolved the selection first). */
  remove(start: number, end: number): void {
    const i = this.indexContaining(start);
    if (i < 0 || this.ends[i]! < end) throw new RegistryInvariantError(`remove [${start}, ${end}]: not inside one held block`);
    const blockStart = this.starts[i]!, blockEnd = this.ends[i]!;
    if (blockStart === start && blockEnd === end) {
      if (i === this.head) {
        this.head += 1;
        if (this.head === this.starts.length) { this.starts.length = 0; this.ends.length = 0; this.head = 0; }
        else if (this.head > 32 && this.head * 2 > this.starts.length) this.compact();
      } else {
        this.starts.splice(i, 1); this.ends.splice(i, 1);
      }
    } else if (blockStart === start) {
      this.starts[i] = end + 1;
    } else if (blockEnd === end) {
      this.ends[i] = start - 1;
    } else {
      this.ends[i] = start - 1;
      this.starts.splice(i + 1, 0, end + 1); this.ends.splice(i + 1, 0, blockEnd);
    }
    this.total -= end - start + 1;
  }

  /** Adds [start, end] with union semantics: overlaps with held ranges are allowed and merged. */
  add(start: number, end: number): void {
    let lo = start, hi = end;
    let i = this.floorIndex(start);
    if (i < this.head) i = this.head;
    const doomed: Array<[number, number]> = [];
    for (; i < this.starts.length && this.starts[i]! <= end + 1; i++) {
      if (this.ends[i]! + 1 < start) continue;
      doomed.push([this.starts[i]!, this.ends[i]!]);
      lo = Math.min(lo, this.starts[i]!);
      hi = Math.max(hi, this.ends[i]!);
    }
    for (const [s, e] of doomed) this.remove(s, e);
    this.insert(lo, hi);
  }

  /** Removes whatever part of [start, end] is held (difference semantics). */
  subtract(start: number, end: number): void {
    let i = this.floorIndex(start);
    if (i < this.head) i = this.head;
    const parts: Array<[number, number]> = [];
    for (; i < this.starts.length && this.starts[i]! <= end; i++) {
      const lo = Math.max(start, this.starts[i]!), hi = Math.min(end, this.ends[i]!);
      if (hi >= lo) parts.push([lo, hi]);
    }
    for (const [s, e] of parts) this.remove(s, e);
  }

  private compact(): void {
    this.starts = this.starts.slice(this.head);
    this.ends = this.ends.slice(this.head);
    this.head = 0;
  }

  /** Live blocks as [start, end] pairs, ascending. */
  toArray(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (let i = this.head; i < this.starts.length; i++) out.push([this.starts[i]!, this.ends[i]!]);
    return out;
  }

  clone(): BlockList {
    const copy = new BlockList();
    copy.starts = this.starts.slice(this.head);
    copy.ends = this.ends.slice(this.head);
    copy.total = this.total;
    return copy;
  }
}

/**
 * Checks that `parts` split `parent` exactly: sorted, each start ≤ end, no overlap, no gap, first start = parent
 * start, last end = parent end. Counts that merely sum to the parent's size are not enough (the CADT weakness,
 * REGISTRY.md §5.7). Returns null when valid, else the reason.
 */
export function splitProblem(parent: { start: number; end: number }, parts: ReadonlyArray<{ start: number; end: number }>): string | null {
  if (parts.length === 0) return 'no parts';
  let expected = parent.start;
  for (const [k, part] of parts.entries()) {
    if (!Number.isSafeInteger(part.start) || !Number.isSafeInteger(part.end) || part.start > part.end) return `part ${k} [${part.start}, ${part.end}] is not a range`;
    if (part.start < expected) return `part ${k} starts at ${part.start}, overlapping the previous part (next free serial ${expected})`;
    if (part.start > expected) return `part ${k} starts at ${part.start}, leaving a gap at ${expected}..${part.start - 1}`;
    expected = part.end + 1;
  }
  if (expected - 1 !== parent.end) return `parts end at ${expected - 1}, parent ends at ${parent.end}`;
  return null;
}
