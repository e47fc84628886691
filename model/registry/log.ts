/**
 * The independent, append-only transaction log (the ITL/EUTL role of §B). Every applied transaction appends one
 * entry describing its effect as explicit serial moves; two-phase transfers append PROPOSED, then COMPLETED or
 * TERMINATED. The log keeps its own dictionaries (origins, unit classes, locations) and its own issued/pending
 * index, shares no mutable object with the registries, and is enough to rebuild every holding (`replay`).
 *
 * Storage is columnar (plain number arrays plus interned locations), about 40 bytes per effect and 60 per entry,
 * so a 10,000-firm multi-period run keeps its full log. `entry(seq)` / `entries()` materialise readable objects.
 */
import { BlockList } from './blockList.js';
import type { Instant } from './instant.js';
import {
  TX_TYPES, UNIT_STATUSES,
  type AccountId, type EntityId, type PeriodId, type RegistryId, type SchemeId, type SerialRange, type TxId, type TxType,
  type UnitClassData, type UnitStatus,
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

export const LOG_PHASES = ['COMMITTED', 'PROPOSED', 'COMPLETED', 'TERMINATED'] as const;
export type LogPhase = (typeof LOG_PHASES)[number];

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

export interface LogMeta {
  /** One record per entity a use counted for (an aggregated surrender has several). */
  compliance?: LogCompliance[];
  refTx?: TxId;
  reason?: string;
}

export interface LogEntry extends LogMeta {
  seq: number;
  txId: TxId;
  type: TxType;
  at: Instant;
  phase: LogPhase;
  effects: LogEffect[];
}

const TYPE_INDEX = new Map<TxType, number>(TX_TYPES.map((t, i) => [t, i]));
const STATUS_CODE = new Map<UnitStatus, number>(UNIT_STATUSES.map((st, i) => [st, i]));
const PHASE_INDEX = new Map<LogPhase, number>(LOG_PHASES.map((p, i) => [p, i]));

export class TransactionLog {
  // Entries, one column each.
  txIds: TxId[] = [];
  types: number[] = [];
  ats: number[] = [];
  phases: number[] = [];
  /** Index of the entry's first effect; its effects run to the next entry's first effect. */
  effectStarts: number[] = [];
  meta = new Map<number, LogMeta>();
  // Effects, one column each.
  effectOrigins: number[] = [];
  effectFirst: number[] = [];
  effectLast: number[] = [];
  /** Location id the serials left (−1: created by issuance). */
  effectFrom: number[] = [];
  effectTo: number[] = [];
  // Dictionaries.
  origins: RegistryId[] = [];
  originIndex = new Map<RegistryId, number>();
  /** Locations, one column each (see `locationAt`). */
  locationRegistry: RegistryId[] = [];
  locationAccount: AccountId[] = [];
  locationClass: string[] = [];
  locationStatus: UnitStatus[] = [];
  locationReservedBy: (TxId | null)[] = [];
  /** `${registry}/${account}` → (class id × 16 + status | `${class id}|${reservedBy}`) → location id. */
  locationIndex = new Map<string, Map<number | string, number>>();
  classIndex = new Map<string, number>();
  /** Class key → class attributes, copied when first referenced. */
  classes = new Map<string, UnitClassData>();
  /** The log's own record of issued ranges per origin (used by its proposal check). */
  issued = new Map<RegistryId, BlockList>();
  /** Ranges of proposals still pending, by transaction. */
  pendingRanges = new Map<TxId, SerialRange[]>();

  get size(): number {
    return this.txIds.length;
  }

  get effectCount(): number {
    return this.effectFirst.length;
  }

  /** Interns a location (copying the class attributes the first time the class is seen). */
  location(registry: RegistryId, account: AccountId, cls: UnitClassData & { key: string }, status: UnitStatus, reservedBy: TxId | null, accountKey = `${registry}/${account}`): number {
    let classId = this.classIndex.get(cls.key);
    if (classId === undefined) {
      classId = this.classIndex.size;
      this.classIndex.set(cls.key, classId);
      this.classes.set(cls.key, {
        origin: cls.origin, unitType: cls.unitType, scheme: cls.scheme, vintage: cls.vintage, applicablePeriod: cls.applicablePeriod,
        projectId: cls.projectId, expiresAt: cls.expiresAt, advance: cls.advance, art6: cls.art6 === null ? null : { ...cls.art6 },
      });
    }
    let inner = this.locationIndex.get(accountKey);
    if (inner === undefined) { inner = new Map(); this.locationIndex.set(accountKey, inner); }
    const key = reservedBy === null ? classId * 16 + STATUS_CODE.get(status)! : `${classId}|${reservedBy}`;
    let id = inner.get(key);
    if (id === undefined) {
      id = this.locationClass.length;
      this.locationRegistry.push(registry);
      this.locationAccount.push(account);
      this.locationClass.push(cls.key);
      this.locationStatus.push(status);
      this.locationReservedBy.push(reservedBy);
      inner.set(key, id);
    }
    return id;
  }

  /** Location `id` as an object. */
  locationAt(id: number): LogLocation {
    return {
      registry: this.locationRegistry[id]!, account: this.locationAccount[id]!, cls: this.locationClass[id]!,
      status: this.locationStatus[id]!, reservedBy: this.locationReservedBy[id]!,
    };
  }

  private originId(origin: RegistryId): number {
    let id = this.originIndex.get(origin);
    if (id === undefined) { id = this.origins.length; this.origins.push(origin); this.originIndex.set(origin, id); }
    return id;
  }

  /** Appends an effect to the entry being built (committed by the next `commit`). */
  effect(origin: RegistryId, start: number, end: number, from: number, to: number): void {
    this.effectOrigins.push(this.originId(origin));
    this.effectFirst.push(start);
    this.effectLast.push(end);
    this.effectFrom.push(from);
    this.effectTo.push(to);
    if (from < 0) {
      let list = this.issued.get(origin);
      if (list === undefined) { list = new BlockList(); this.issued.set(origin, list); }
      list.insert(start, end);
    }
  }

  /** Closes an entry whose effects start at effect index `firstEffect`. Returns its sequence number. */
  commit(firstEffect: number, txId: TxId, type: TxType, at: Instant, phase: LogPhase, meta: LogMeta | null): number {
    const seq = this.txIds.length;
    this.txIds.push(txId);
    this.types.push(TYPE_INDEX.get(type)!);
    this.ats.push(at);
    this.phases.push(PHASE_INDEX.get(phase)!);
    this.effectStarts.push(firstEffect);
    if (meta !== null) this.meta.set(seq, meta);
    if (phase === 'PROPOSED') {
      const ranges: SerialRange[] = [];
      for (let k = firstEffect; k < this.effectFirst.length; k++) ranges.push({ origin: this.origins[this.effectOrigins[k]!]!, start: this.effectFirst[k]!, end: this.effectLast[k]! });
      this.pendingRanges.set(txId, ranges);
    } else if (phase === 'COMPLETED' || phase === 'TERMINATED') {
      this.pendingRanges.delete(txId);
    }
    return seq;
  }

  /** Range of effect indices of entry `seq`. */
  effectRange(seq: number): [number, number] {
    return [this.effectStarts[seq]!, seq + 1 < this.effectStarts.length ? this.effectStarts[seq + 1]! : this.effectFirst.length];
  }

  phaseOf(seq: number): LogPhase {
    return LOG_PHASES[this.phases[seq]!]!;
  }

  /** Materialises entry `seq` as a readable object. */
  entry(seq: number): LogEntry {
    const [from, to] = this.effectRange(seq);
    const effects: LogEffect[] = [];
    for (let k = from; k < to; k++) {
      const source = this.effectFrom[k]!;
      effects.push({
        origin: this.origins[this.effectOrigins[k]!]!, start: this.effectFirst[k]!, end: this.effectLast[k]!,
        from: source < 0 ? null : this.locationAt(source), to: this.locationAt(this.effectTo[k]!),
      });
    }
    return {
      seq, txId: this.txIds[seq]!, type: TX_TYPES[this.types[seq]!]!, at: this.ats[seq]!, phase: this.phaseOf(seq), effects,
      ...(this.meta.get(seq) ?? {}),
    };
  }

  entries(): LogEntry[] {
    const out: LogEntry[] = [];
    for (let seq = 0; seq < this.size; seq++) out.push(this.entry(seq));
    return out;
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
