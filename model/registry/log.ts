/**
 * The independent, append-only transaction log (the ITL/EUTL role of §B). Every applied transaction appends one
 * entry describing its effect as explicit serial moves; two-phase transfers append PROPOSED, then COMPLETED or
 * TERMINATED. The log keeps its own class dictionary and its own issued/pending index, shares no mutable object
 * with the registries, and is enough to rebuild every holding (`replay`).
 */
import { BlockList } from './blockList.js';
import type { Instant } from './instant.js';
import type {
  AccountId, EntityId, PeriodId, RegistryId, SchemeId, SerialRange, TxId, TxType, UnitClassData, UnitStatus,
} from './types.js';

/** Where a range of serials sits: account, unit class (by key into `TransactionLog.classes`), status and lock. */
export interface LogLocation {
  registry: RegistryId;
  account: AccountId;
  cls: string;
  status: UnitStatus;
  reservedBy: TxId | null;
}

/** Serials [start, end] of `origin` move from `from` (null: created by issuance) to `to`. */
export interface LogEffect {
  origin: RegistryId;
  start: number;
  end: number;
  from: LogLocation | null;
  to: LogLocation;
}

export type LogPhase = 'COMMITTED' | 'PROPOSED' | 'COMPLETED' | 'TERMINATED';

export interface LogCompliance {
  entity: EntityId;
  scheme: SchemeId;
  period: PeriodId;
  /** +1 for a use, −1 for its reversal. */
  sign: 1 | -1;
  allowances: number;
  credits: number;
  borrowed: number;
  creditsByLimit: Record<string, number>;
}

export interface LogEntry {
  seq: number;
  txId: TxId;
  type: TxType;
  at: Instant;
  phase: LogPhase;
  effects: LogEffect[];
  compliance?: LogCompliance;
  refTx?: TxId;
  reason?: string;
}

export class TransactionLog {
  entries: LogEntry[] = [];
  /** Class key → class attributes, copied when first referenced. */
  classes = new Map<string, UnitClassData>();
  /** The log's own record of issued ranges per origin (used by its proposal check). */
  issued = new Map<RegistryId, BlockList>();
  /** Ranges of proposals still pending, by transaction. */
  pendingRanges = new Map<TxId, SerialRange[]>();

  registerClass(key: string, data: UnitClassData): void {
    if (!this.classes.has(key)) this.classes.set(key, { ...data, art6: data.art6 === null ? null : { ...data.art6 } });
  }

  append(entry: Omit<LogEntry, 'seq'>): LogEntry {
    const full = { seq: this.entries.length, ...entry } as LogEntry;
    this.entries.push(full);
    for (const effect of full.effects) {
      if (effect.from === null) {
        let list = this.issued.get(effect.origin);
        if (list === undefined) { list = new BlockList(); this.issued.set(effect.origin, list); }
        list.insert(effect.start, effect.end);
      }
    }
    if (full.phase === 'PROPOSED') {
      this.pendingRanges.set(full.txId, full.effects.map((e) => ({ origin: e.origin, start: e.start, end: e.end })));
    } else if (full.phase === 'COMPLETED' || full.phase === 'TERMINATED') {
      this.pendingRanges.delete(full.txId);
    }
    return full;
  }

  /**
   * The log's independent check of a transfer's ranges: every serial was issued (per the log) and none is part of
   * another pending proposal. Returns null when the ranges pass, else the reason.
   */
  checkRanges(txId: TxId | null, ranges: readonly SerialRange[]): string | null {
    for (const range of ranges) {
      const issued = this.issued.get(range.origin);
      if (issued === undefined || issued.coveredCount(range.start, range.end) !== range.end - range.start + 1) {
        return `log has no issuance of ${range.origin} [${range.start}, ${range.end}]`;
      }
      for (const [other, pending] of this.pendingRanges) {
        if (other === txId) continue;
        for (const p of pending) {
          if (p.origin === range.origin && p.start <= range.end && range.start <= p.end) {
            return `${range.origin} [${range.start}, ${range.end}] is in pending transaction ${other} per the log`;
          }
        }
      }
    }
    return null;
  }

  restorePrototypes(): void {
    for (const list of this.issued.values()) Object.setPrototypeOf(list, BlockList.prototype);
  }
}
