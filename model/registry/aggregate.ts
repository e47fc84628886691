/**
 * Aggregated transactions: one transaction (one id, one log entry, atomic) made of many legs of the same type in
 * one registry — free allocation to 10,000 operators, auction delivery, settlement of a period's trades, surrender
 * of a period's allowances. Every rule of §5.5 is applied to every leg, category by category across the legs
 * (S for all legs, then A, U, P, X), with shared work done once per account, class and entity, so a leg costs about
 * one block move.
 *
 * Legs see the holdings as they were at the start of the transaction: a leg can spend what its source held then,
 * not what an earlier leg delivered (settle net positions, or use separate transactions, when a firm both buys
 * and sells). Units are taken by quantity: oldest vintage first, then lowest serial, continuing where the previous
 * leg from the same source stopped.
 */
import { reject, type Rejection } from './checkCodes.js';
import type { Instant } from './instant.js';
import { TX_UNIT_TYPES, type TxRoles } from './rules.js';
import { accountKey, advanceKey, isUsedTxId, type Account, type Holding, type RegistrySystem } from './system.js';
import {
  DEST_STATUS, INTERNAL_TRANSFER_PATCH, USE_PATCH, accountChecks, addTo, applyPlan, art6Checks, complianceUnitCheck, compliancePolicyChecks, emptyPlan,
  holdsProblem, patchClass, rangeText, size,
  type ClassPatch, type ComplianceTarget, type ComplianceUse, type Piece, type Plan, type TxApplied,
} from './transact.js';
import { floorTimes } from './rules.js';
import { matchesFilter, type AccountId, type RegistryId, type TxId, type UnitFilter } from './types.js';

export interface AggregateLeg {
  from: AccountId;
  to: AccountId;
  quantity: number;
}

export interface AggregateRequest {
  id?: TxId;
  at: Instant;
  type: 'ALLOCATE' | 'AUCTION_DELIVERY' | 'TRANSFER_INTERNAL' | 'RETURN_EXCESS_ALLOCATION' | 'SURRENDER';
  /** All legs' accounts are in this registry. */
  registry: RegistryId;
  unit: UnitFilter;
  legs: readonly AggregateLeg[];
  /** Required for SURRENDER: each source's holder is the entity the leg counts for. */
  compliance?: ComplianceTarget;
}

const PATCHES: Record<AggregateRequest['type'], ClassPatch | null> = {
  ALLOCATE: null,
  AUCTION_DELIVERY: null,
  RETURN_EXCESS_ALLOCATION: null,
  TRANSFER_INTERNAL: INTERNAL_TRANSFER_PATCH,
  SURRENDER: USE_PATCH,
};

interface Cursor {
  index: number;
  offset: number;
}

interface LegState {
  from: Account | undefined;
  to: Account | undefined;
  pieces: Piece[];
  shortBy: number;
  available: number;
}

function candidatesOf(system: RegistrySystem, account: Account, filter: UnitFilter): Holding[] {
  const out: Holding[] = [];
  for (const holding of account.holdings.values()) {
    if (holding.status === 'ACTIVE' && holding.blocks.total > 0 && matchesFilter(system.classes[holding.classId]!, filter)) out.push(holding);
  }
  if (out.length > 1) out.sort((a, b) => system.classes[a.classId]!.vintage - system.classes[b.classId]!.vintage || a.classId - b.classId);
  return out;
}

/** Takes `quantity` from `account`, continuing from the cursors left by earlier legs. */
function take(system: RegistrySystem, account: Account, holdings: readonly Holding[], quantity: number, cursors: Map<Holding, Cursor>, state: LegState): void {
  let left = quantity;
  for (const holding of holdings) {
    state.available += holding.blocks.total;
    if (left === 0) continue;
    let cursor = cursors.get(holding);
    if (cursor === undefined) { cursor = { index: holding.blocks.head, offset: 0 }; cursors.set(holding, cursor); }
    const { starts, ends } = holding.blocks;
    const cls = system.classes[holding.classId]!;
    while (left > 0 && cursor.index < starts.length) {
      const start = starts[cursor.index]! + cursor.offset;
      const length = ends[cursor.index]! - start + 1;
      const n = Math.min(left, length);
      state.pieces.push({ holding, account, cls, start, end: start + n - 1 });
      left -= n;
      if (n === length) { cursor.index += 1; cursor.offset = 0; } else cursor.offset += n;
    }
  }
  state.shortBy = left;
}

function legReject(code: Parameters<typeof reject>[0], index: number, rejection: Rejection | string): Rejection {
  const message = typeof rejection === 'string' ? rejection : rejection.message;
  const name = typeof rejection === 'string' ? undefined : rejection.name;
  return name === undefined ? reject(code, `legs[${index}]: ${message}`) : reject(code, `legs[${index}]: ${message}`, name);
}

/** All checks for an aggregated transaction, no writes. */
export function evaluateAggregate(system: RegistrySystem, request: AggregateRequest): Plan | Rejection {
  const { type, legs } = request;
  if (request.id !== undefined && isUsedTxId(system, request.id)) return reject('S01', `transaction id ${request.id} was already used`);
  // S02
  if (legs.length === 0) return reject('S02', 'legs is empty');
  let total = 0;
  for (let k = 0; k < legs.length; k++) {
    const leg = legs[k]!;
    if (!Number.isSafeInteger(leg.quantity) || leg.quantity <= 0) return reject('S02', `legs[${k}]: quantity must be a positive whole number of tonnes, got ${leg.quantity}`);
    total += leg.quantity;
  }
  if (!Number.isSafeInteger(total)) return reject('S02', `Σ leg quantities ${total} is not a safe integer`);
  if (type === 'SURRENDER' && request.compliance === undefined) return reject('S02', 'an aggregated SURRENDER needs compliance { scheme, period }');
  const registry = system.registries.get(request.registry);
  if (registry === undefined) return reject('A01', `unknown registry ${request.registry}`);

  // Resolve every leg (reads only).
  const cursors = new Map<Holding, Cursor>();
  const candidates = new Map<Account, Holding[]>();
  const states: LegState[] = [];
  for (const leg of legs) {
    const state: LegState = { from: registry.accounts.get(leg.from), to: registry.accounts.get(leg.to), pieces: [], shortBy: 0, available: 0 };
    if (state.from !== undefined) {
      let holdings = candidates.get(state.from);
      if (holdings === undefined) { holdings = candidatesOf(system, state.from, request.unit); candidates.set(state.from, holdings); }
      take(system, state.from, holdings, leg.quantity, cursors, state);
    }
    states.push(state);
  }
  // S03: one unit type and one applicable period over the whole transaction.
  let first: Piece | undefined;
  for (let k = 0; k < states.length; k++) {
    const state = states[k]!;
    for (const piece of state.pieces) {
      first ??= piece;
      if (piece.cls.applicablePeriod !== first.cls.applicablePeriod) {
        return reject('S03', `legs[${k}]: one transaction moves one applicable period; got ${first.cls.applicablePeriod ?? 'none'} and ${piece.cls.applicablePeriod ?? 'none'} (pin unit.applicablePeriod)`);
      }
    }
  }
  // S04
  const allowedTypes = TX_UNIT_TYPES[type];
  if (allowedTypes !== undefined && !allowedTypes.includes(request.unit.unitType)) return reject('S04', `${type} cannot move ${request.unit.unitType} units`);

  // A01–A09, per leg; verdicts cached per account.
  const roles: TxRoles = system.config.roles[type];
  const patch = PATCHES[type];
  const sourceVerdict = new Map<Account, Rejection | null>();
  const destVerdict = new Map<Account, Rejection | null>();
  const holdsVerdict = new Map<string, Map<object, string | null>>();
  let surrenderAccount: Account | undefined;
  if (type === 'SURRENDER') {
    const scheme = system.config.schemes.get(request.compliance!.scheme);
    const id = system.config.schemeAccounts.get(request.compliance!.scheme)?.surrender;
    surrenderAccount = scheme === undefined || id === undefined || scheme.registry !== registry.id ? undefined : registry.accounts.get(id);
  }
  for (let k = 0; k < legs.length; k++) {
    const leg = legs[k]!;
    const state = states[k]!;
    if (state.from === undefined) return reject('A01', `legs[${k}]: source account ${registry.id}/${leg.from} not found`);
    if (state.to === undefined) return reject('A02', `legs[${k}]: destination account ${registry.id}/${leg.to} not found`);
    let verdict = sourceVerdict.get(state.from);
    if (verdict === undefined) { verdict = accountChecks(type, state.from, undefined, state.from, undefined, { sourceRoles: roles.source, destRoles: null }, false); sourceVerdict.set(state.from, verdict); }
    let destination = destVerdict.get(state.to);
    if (destination === undefined) { destination = accountChecks(type, undefined, state.to, undefined, state.to, { sourceRoles: null, destRoles: roles.destination }, false); destVerdict.set(state.to, destination); }
    // Keep the A order within a leg: A01 A02 A03 A04 A05 A06.
    if (verdict !== null || destination !== null) {
      const firstFailure = verdict === null ? destination! : destination === null || verdict.code < destination.code ? verdict : destination;
      return legReject(firstFailure.code, k, firstFailure);
    }
    if (type === 'SURRENDER' && state.to !== surrenderAccount) return reject('A06', `legs[${k}]: ${state.to.key} is not the surrender account of scheme ${request.compliance!.scheme}`);
    let byClass = holdsVerdict.get(state.to.type);
    if (byClass === undefined) { byClass = new Map(); holdsVerdict.set(state.to.type, byClass); }
    for (const piece of state.pieces) {
      const destCls = patchClass(piece.cls, patch);
      // Patched classes are fresh objects: key them by the source class (the patch is the same for every leg).
      let holds = byClass.get(piece.cls);
      if (holds === undefined) { holds = holdsProblem(system, state.to, [destCls]); byClass.set(piece.cls, holds); }
      if (holds !== null) return reject('A07', `legs[${k}]: ${holds}`);
    }
    if (state.from === state.to) return reject('A08', `legs[${k}]: source and destination are the same account ${state.from.key}`);
    if (type === 'TRANSFER_INTERNAL' && state.from.trusted !== null && !state.from.trusted.includes(accountKey(state.to))) {
      return reject('A09', `legs[${k}]: ${accountKey(state.to)} is not on the trusted account list of ${accountKey(state.from)}`);
    }
  }
  // U02, U05, U06 per leg
  for (let k = 0; k < states.length; k++) {
    const state = states[k]!;
    if (state.shortBy > 0) {
      return reject('U02', `legs[${k}]: ${accountKey(state.from!)} lacks ${state.shortBy} t of ACTIVE ${request.unit.unitType} for this leg: it held ${state.available} t matching the selection at the start of the transaction, and its legs up to here take more`);
    }
  }
  for (let k = 0; k < states.length; k++) {
    const state = states[k]!;
    for (const piece of state.pieces) {
      const origin = system.origins.get(piece.cls.origin);
      if (origin !== undefined && origin.frozen.total > 0 && origin.frozen.overlaps(piece.start, piece.end)) return reject('U05', `legs[${k}]: ${rangeText(piece.cls.origin, piece.start, piece.end)} is frozen by an unresolved discrepancy`);
    }
  }
  for (let k = 0; k < states.length; k++) {
    const state = states[k]!;
    for (const piece of state.pieces) {
      if (piece.cls.effectiveExpiry !== null && request.at >= piece.cls.effectiveExpiry) return reject('U06', `legs[${k}]: ${rangeText(piece.cls.origin, piece.start, piece.end)} expired`);
    }
  }
  // U07 and the compliance P checks, per entity.
  const uses: ComplianceUse[] = [];
  if (type === 'SURRENDER') {
    const target = request.compliance!;
    const scheme = system.config.schemes.get(target.scheme);
    if (scheme === undefined) return reject('A06', `unknown compliance scheme ${target.scheme}`);
    if (scheme.compliancePeriods?.some((p) => p.id === target.period) !== true) return reject('U07', `scheme ${scheme.id} has no compliance period ${target.period}`);
    const byEntity = new Map<string, { pieces: Piece[]; firstLeg: number }>();
    for (let k = 0; k < states.length; k++) {
      const state = states[k]!;
      const problem = complianceUnitCheck(system, target, state.pieces);
      if (problem !== null) return legReject('U07', k, problem);
      const entity = state.from!.holder;
      const group = byEntity.get(entity);
      if (group === undefined) byEntity.set(entity, { pieces: state.pieces, firstLeg: k });
      else group.pieces = group.pieces.concat(state.pieces);
    }
    for (const [entity, group] of byEntity) {
      const checked = compliancePolicyChecks(system, 'SURRENDER', target, entity, group.pieces);
      if ('ok' in checked) return legReject(checked.code, group.firstLeg, checked);
      uses.push(checked);
    }
  }
  // P08, P09 for transfers
  let advanceSold: Map<string, number> | null = null;
  if (type === 'TRANSFER_INTERNAL') {
    for (const state of states) {
      for (const piece of state.pieces) {
        if (!piece.cls.advance || system.config.schemes.get(piece.cls.scheme)?.advanceSale === undefined) continue;
        advanceSold ??= new Map();
        addTo(advanceSold, advanceKey(registry.id, state.from!.id, piece.cls.scheme), size(piece));
      }
    }
    for (const [key, selling] of advanceSold ?? []) {
      const record = system.advance.get(key);
      if (record === undefined || record.confirmed) continue;
      const scheme = key.slice(key.lastIndexOf('|') + 1);
      const max = floorTimes(record.received, system.config.ratios.get(`schemes.${scheme}.advanceSale`)!);
      if (record.sold + selling > max) return reject('P08', `${key}: may sell ${max} t of ${record.received} t ex-ante units before confirmation; ${record.sold} t sold + ${selling} t in this transaction`);
    }
    for (let k = 0; k < states.length; k++) {
      const state = states[k]!;
      for (const piece of state.pieces) {
        if (system.config.schemes.get(piece.cls.scheme)?.transferRestriction === undefined) continue;
        const project = piece.cls.projectId === null ? undefined : system.projects.get(piece.cls.projectId);
        if (project === undefined || !project.coImplementers.includes(state.to!.holder)) {
          return reject('P09', `legs[${k}]: ${piece.cls.scheme} units of project ${piece.cls.projectId ?? '(none)'} may only go to the project's co-implementer; ${state.to!.holder} is not one`);
        }
      }
    }
  }
  // X03, X04
  for (let k = 0; k < states.length; k++) {
    const state = states[k]!;
    if (!state.pieces.some((p) => p.cls.art6 !== null)) continue;
    const art6 = art6Checks(type, state.pieces);
    if (art6 !== null) return legReject(art6.code, k, art6);
  }

  const plan = emptyPlan(type, request, registry.id);
  plan.quantity = total;
  plan.destStatus = DEST_STATUS[type] ?? 'ACTIVE';
  plan.patch = patch;
  plan.pieceDest = [];
  for (const state of states) {
    for (const piece of state.pieces) { plan.pieces.push(piece); plan.pieceDest.push(state.to!); }
  }
  plan.from = states[0]!.from!;
  plan.to = states[0]!.to!;
  plan.compliance = uses;
  plan.advanceSold = advanceSold;
  plan.reversible = type === 'SURRENDER' || type === 'ALLOCATE' ? type : null;
  if (type === 'ALLOCATE') {
    for (const state of states) {
      for (const piece of state.pieces) {
        if (!piece.cls.advance) continue;
        plan.advanceReceived ??= new Map();
        addTo(plan.advanceReceived, advanceKey(registry.id, state.to!.id, piece.cls.scheme), size(piece));
      }
    }
  }
  return plan;
}

/** Checks an aggregated transaction and, if every leg passes every check, applies all legs as one transaction. */
export function submitAggregate(system: RegistrySystem, request: AggregateRequest): TxApplied | Rejection {
  const plan = evaluateAggregate(system, request);
  if ('ok' in plan) return plan;
  return applyPlan(system, plan);
}
