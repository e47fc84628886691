/**
 * Property tests (fast-check) over random transaction sequences, checking the invariants of REGISTRY.md §5.6 after
 * every step: creation only by issuance (1), destruction only by terminal transactions (2), terminal statuses
 * absorbing except REVERSE (3), serial partition and single location (4, 5), failed transactions change nothing
 * (6), type-correct holdings and exact cached balances (7), log replay equals state (8), compliance counts each
 * serial once and matches the log (9), idempotency of a re-submitted id (10).
 *
 * Set REGISTRY_PROPERTY_STATS=1 to print which transaction types applied and which check codes rejected.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { submitAggregate } from '../../model/registry/aggregate.js';
import { reportEmissions } from '../../model/registry/compliance.js';
import { acceptExternal, proposeExternal, rejectExternal, terminateStale } from '../../model/registry/external.js';
import { expireUnits } from '../../model/registry/expire.js';
import { instant, MS_PER_DAY, MS_PER_HOUR } from '../../model/registry/instant.js';
import { ledgerView, replay, type LedgerSegment } from '../../model/registry/replay.js';
import { holdableFor, registerProject, totalsIndex, type RegistrySystem } from '../../model/registry/system.js';
import { submit, type TxRequest } from '../../model/registry/transact.js';
import { TERMINAL_STATUSES, UNIT_STATUSES, UNIT_TYPES, matchesAny, type AccountRef, type TxType } from '../../model/registry/types.js';
import { ref, snapshot, world } from './fixture.js';

const START = instant('2021-03-01');
const GX_ACCOUNTS = ['A', 'B', 'EXCH'];
const JC_ACCOUNTS = ['A-JC', 'SME', 'BIGCO'];
const KP_ACCOUNTS = ['GOV', 'CO'];

type Command =
  | { kind: 'issue'; scheme: 'GX' | 'JCREDIT' | 'JP-AAU' | 'JVER' | 'DOMESTIC'; to: number; quantity: number; vintage: number }
  | { kind: 'transfer'; registry: 'GX' | 'JCREDIT' | 'JP-KP'; from: number; to: number; quantity: number }
  | { kind: 'explicit'; registry: 'GX' | 'JCREDIT' | 'JP-KP'; from: number; to: number; start: number; length: number; split: number }
  | { kind: 'surrender'; from: number; quantity: number; credits: boolean }
  | { kind: 'invalidate'; from: number; quantity: number }
  | { kind: 'sink'; type: 'RETIRE' | 'CANCEL' | 'DELETE'; registry: 'GX' | 'JP-KP'; from: number; quantity: number }
  | { kind: 'buyCredits'; from: number; to: number; quantity: number }
  | { kind: 'propose'; quantity: number }
  | { kind: 'settle'; which: number; action: 'accept' | 'reject' }
  | { kind: 'reverse'; which: number }
  | { kind: 'resubmit'; which: number }
  | { kind: 'convert'; quantity: number }
  | { kind: 'carry'; quantity: number }
  | { kind: 'aggregate'; legs: Array<{ from: number; to: number; quantity: number }> }
  | { kind: 'expire' }
  | { kind: 'sweep' }
  | { kind: 'emissions'; entity: number; tonnes: number }
  | { kind: 'wait'; hours: number };

const q = fc.integer({ min: 1, max: 40 });
const idx = fc.nat({ max: 5 });
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('issue' as const), scheme: fc.constantFrom('GX' as const, 'JCREDIT' as const, 'JP-AAU' as const, 'JVER' as const, 'DOMESTIC' as const), to: idx, quantity: fc.integer({ min: 1, max: 60 }), vintage: fc.constantFrom(2012, 2025, 2026, 2027, 2028) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('transfer' as const), registry: fc.constantFrom('GX' as const, 'JCREDIT' as const, 'JP-KP' as const), from: idx, to: idx, quantity: q }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('explicit' as const), registry: fc.constantFrom('GX' as const, 'JCREDIT' as const, 'JP-KP' as const), from: idx, to: idx, start: fc.integer({ min: 1, max: 150 }), length: fc.integer({ min: 1, max: 30 }), split: fc.nat({ max: 30 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('surrender' as const), from: idx, quantity: q, credits: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('invalidate' as const), from: idx, quantity: q }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('sink' as const), type: fc.constantFrom('RETIRE' as const, 'CANCEL' as const, 'DELETE' as const), registry: fc.constantFrom('GX' as const, 'JP-KP' as const), from: idx, quantity: q }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('buyCredits' as const), from: idx, to: idx, quantity: q }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('propose' as const), quantity: fc.integer({ min: 1, max: 300 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('settle' as const), which: fc.nat({ max: 10 }), action: fc.constantFrom('accept' as const, 'reject' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reverse' as const), which: fc.nat({ max: 20 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resubmit' as const), which: fc.nat({ max: 20 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('convert' as const), quantity: q }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('carry' as const), quantity: q }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('aggregate' as const), legs: fc.array(fc.record({ from: idx, to: idx, quantity: q }), { minLength: 1, maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('expire' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sweep' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('emissions' as const), entity: idx, tonnes: fc.integer({ min: 0, max: 500 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wait' as const), hours: fc.integer({ min: 1, max: 24 * 40 }) }) },
);

const codes = new Map<string, number>();
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
/** Another account than `from` most of the time (index 5 keeps the same one, to exercise A08). */
const other = <T>(list: readonly T[], from: number, to: number): T => (to === 5 ? pick(list, from) : list[(from % list.length + 1 + (to % (list.length - 1))) % list.length]!);
const accountsOf = (registry: string): string[] => (registry === 'GX' ? GX_ACCOUNTS : registry === 'JCREDIT' ? JC_ACCOUNTS : KP_ACCOUNTS);

interface Run {
  system: RegistrySystem;
  at: number;
  requests: TxRequest[];
  applied: string[];
  pending: string[];
}

/** What one command does: a check request (rejections must change nothing) or a phase/system step. */
type Outcome = { kind: 'request'; type: TxType; ok: boolean; refTx?: string } | { kind: 'step'; type: TxType | 'NONE' };

function execute(run: Run, cmd: Command): Outcome {
  const { system } = run;
  const at = run.at;
  const send = (request: TxRequest): Outcome => {
    const result = submit(system, request);
    if (result.ok) { run.applied.push(result.txId); run.requests.push({ ...request, id: result.txId } as TxRequest); }
    else if (process.env['REGISTRY_PROPERTY_STATS'] !== undefined) codes.set(`${request.type} ${result.code}`, (codes.get(`${request.type} ${result.code}`) ?? 0) + 1);
    return { kind: 'request', type: request.type, ok: result.ok, ...(request.type === 'REVERSE' ? { refTx: request.refTx } : {}) };
  };
  switch (cmd.kind) {
    case 'issue': {
      const registry = cmd.scheme === 'GX' ? 'GX' : cmd.scheme === 'JP-AAU' ? 'JP-KP' : 'JCREDIT';
      return send({
        type: 'ISSUE', at, to: ref(registry, pick(accountsOf(registry), cmd.to)), scheme: cmd.scheme, quantity: cmd.quantity, vintage: cmd.vintage,
        ...(cmd.scheme === 'JP-AAU' ? { applicablePeriod: 'CP1' } : {}), ...(cmd.scheme === 'DOMESTIC' ? { projectId: 'P1' } : {}),
      });
    }
    case 'transfer': {
      const accounts = accountsOf(cmd.registry);
      const unitType = cmd.registry === 'GX' ? 'ALLOWANCE' : cmd.registry === 'JCREDIT' ? 'CREDIT' : 'AAU';
      return send({ type: 'TRANSFER_INTERNAL', at, from: ref(cmd.registry, pick(accounts, cmd.from)), to: ref(cmd.registry, other(accounts, cmd.from, cmd.to)), quantity: cmd.quantity, unit: { unitType } });
    }
    case 'explicit': {
      const accounts = accountsOf(cmd.registry);
      const end = cmd.start + cmd.length - 1;
      // Optionally split the range in two parts (sometimes overlapping, to exercise S02).
      const cut = cmd.start + (cmd.split % cmd.length);
      const blocks = cmd.split % 3 === 0 || cut === cmd.start
        ? [{ origin: cmd.registry, start: cmd.start, end }]
        : [{ origin: cmd.registry, start: cmd.start, end: cut - 1 }, { origin: cmd.registry, start: cmd.split % 5 === 0 ? cut - 1 : cut, end }];
      const quantity = blocks.reduce((n, b) => n + b.end - b.start + 1, 0);
      return send({ type: 'TRANSFER_INTERNAL', at, from: ref(cmd.registry, pick(accounts, cmd.from)), to: ref(cmd.registry, other(accounts, cmd.from, cmd.to)), quantity, blocks });
    }
    case 'surrender':
      return send({
        type: 'SURRENDER', at, from: ref('GX', pick(GX_ACCOUNTS, cmd.from)), to: ref('GX', 'GX/SURRENDER'), quantity: cmd.quantity,
        unit: { unitType: cmd.credits ? 'CREDIT' : 'ALLOWANCE' }, compliance: { scheme: 'GX', period: 'FY2026' },
      });
    case 'invalidate':
      return send({ type: 'INVALIDATE', at, from: ref('JCREDIT', pick(JC_ACCOUNTS, cmd.from)), to: ref('JCREDIT', 'INVALIDATION'), quantity: cmd.quantity, unit: { unitType: 'CREDIT' }, compliance: { scheme: 'GX', period: 'FY2026' } });
    case 'sink': {
      const accounts = accountsOf(cmd.registry);
      const unitType = cmd.registry === 'GX' ? 'ALLOWANCE' : 'AAU';
      const from = ref(cmd.registry, pick(accounts, cmd.from));
      if (cmd.type === 'CANCEL') return send({ type: 'CANCEL', at, from, to: ref(cmd.registry, 'CANCELLATION/VOLUNTARY'), reason: 'VOLUNTARY', quantity: cmd.quantity, unit: { unitType } });
      return send({ type: cmd.type, at, from, to: ref(cmd.registry, cmd.type === 'RETIRE' ? 'RETIREMENT' : 'DELETION'), quantity: cmd.quantity, unit: { unitType } });
    }
    case 'buyCredits':
      return send({ type: 'TRANSFER_EXTERNAL', at, from: ref('JCREDIT', pick(JC_ACCOUNTS, cmd.from)), to: ref('GX', pick(GX_ACCOUNTS, cmd.to)), quantity: cmd.quantity, unit: { unitType: 'CREDIT', scheme: 'JCREDIT' } });
    case 'propose': {
      const result = proposeExternal(system, { type: 'TRANSFER_EXTERNAL', at, from: ref('JP-KP', 'GOV'), to: ref('XX-KP', 'GOV'), quantity: cmd.quantity, unit: { unitType: 'AAU' } });
      if (result.ok) run.pending.push(result.txId);
      return { kind: 'request', type: 'TRANSFER_EXTERNAL', ok: result.ok };
    }
    case 'settle': {
      if (run.pending.length === 0) return { kind: 'step', type: 'NONE' };
      const id = pick(run.pending, cmd.which);
      run.pending = run.pending.filter((p) => p !== id);
      if (cmd.action === 'accept') acceptExternal(system, id, at); else rejectExternal(system, id, at, 'test');
      return { kind: 'step', type: 'TRANSFER_EXTERNAL' };
    }
    case 'reverse': {
      // Mostly a reversible transaction still in its window; sometimes any applied id (P11).
      const candidates = cmd.which % 4 === 0 ? run.applied : [...system.reversible.keys()];
      if (candidates.length === 0) return { kind: 'step', type: 'NONE' };
      return send({ type: 'REVERSE', at, refTx: pick(candidates, cmd.which) });
    }
    case 'resubmit': {
      if (run.requests.length === 0) return { kind: 'step', type: 'NONE' };
      const again = pick(run.requests, cmd.which);
      const before = snapshot(system);
      const result = submit(system, { ...again, at } as TxRequest);
      // Invariant 10: a re-submitted id is refused (S01) and changes nothing.
      expect(result.ok ? null : result.code).toBe('S01');
      expect(snapshot(system)).toEqual(before);
      return { kind: 'step', type: 'NONE' };
    }
    case 'convert':
      return send({ type: 'CONVERT', at, from: ref('JP-KP', 'GOV'), quantity: cmd.quantity, unit: { unitType: 'AAU' }, toUnitType: 'ERU' });
    case 'carry':
      return send({ type: 'CARRY_OVER', at, from: ref('JP-KP', 'GOV'), quantity: cmd.quantity, unit: { unitType: 'AAU' }, toPeriod: 'CP2' });
    case 'aggregate': {
      const result = submitAggregate(system, {
        type: 'TRANSFER_INTERNAL', registry: 'GX', at, unit: { unitType: 'ALLOWANCE' },
        legs: cmd.legs.map((l) => ({ from: pick(GX_ACCOUNTS, l.from), to: other(GX_ACCOUNTS, l.from, l.to), quantity: l.quantity })),
      });
      if (result.ok) run.applied.push(result.txId);
      return { kind: 'request', type: 'TRANSFER_INTERNAL', ok: result.ok };
    }
    case 'expire':
      for (const registry of ['JCREDIT', 'GX', 'JP-KP']) expireUnits(system, { registry, at });
      return { kind: 'step', type: 'EXPIRE' };
    case 'sweep':
      for (const id of terminateStale(system, at)) run.pending = run.pending.filter((p) => p !== id);
      return { kind: 'step', type: 'TRANSFER_EXTERNAL' };
    case 'emissions':
      reportEmissions(system, { entity: pick(['A', 'B', 'EXCH'], cmd.entity), scheme: 'GX', period: 'FY2026', verifiedEmissions: cmd.tonnes });
      return { kind: 'step', type: 'NONE' };
    case 'wait':
      run.at += cmd.hours * MS_PER_HOUR;
      return { kind: 'step', type: 'NONE' };
  }
}

function countBy(view: readonly LedgerSegment[], keep: (s: LedgerSegment) => boolean): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of view) if (keep(s)) out.set(s.origin, (out.get(s.origin) ?? 0) + s.end - s.start + 1);
  return out;
}

const live = (s: LedgerSegment): boolean => s.status === 'ACTIVE' || s.status === 'RESERVED';

function checkInvariants(system: RegistrySystem, before: LedgerSegment[], outcome: Outcome): void {
  const after = ledgerView(system);
  // 4, 5: disjoint segments per origin (one location per serial); their union is the issued record.
  let previous: LedgerSegment | null = null;
  for (const seg of after) {
    if (previous !== null && previous.origin === seg.origin) expect(seg.start).toBeGreaterThan(previous.end);
    previous = seg;
  }
  const held = countBy(after, () => true);
  for (const [origin, state] of system.origins) {
    // 1: Σ |blocks| over all accounts and statuses = Σ issued (never decreases, created only by ISSUE).
    expect(held.get(origin) ?? 0).toBe(state.issued.total);
  }
  let issuedInLog = 0;
  for (let seq = 0; seq < system.log.size; seq++) {
    const [first, last] = system.log.effectRange(seq);
    for (let k = first; k < last; k++) if (system.log.effectFrom[k]! < 0) issuedInLog += system.log.effectLast[k]! - system.log.effectFirst[k]! + 1;
  }
  expect([...system.origins.values()].reduce((n, o) => n + o.issued.total, 0)).toBe(issuedInLog);
  // 2: live units fall only through terminal transactions; they rise only by ISSUE or REVERSE (or a termination).
  const liveBefore = countBy(before, live), liveAfter = countBy(after, live);
  for (const origin of new Set([...liveBefore.keys(), ...liveAfter.keys()])) {
    const b = liveBefore.get(origin) ?? 0, a = liveAfter.get(origin) ?? 0;
    if (a < b) expect(['SURRENDER', 'RETIRE', 'CANCEL', 'DELETE', 'INVALIDATE', 'EXPIRE', 'REPLACE']).toContain(outcome.type);
    if (a > b) expect(['ISSUE', 'REVERSE']).toContain(outcome.type);
  }
  // 3: a serial terminal before is still terminal, with the same status, unless this was a REVERSE.
  if (outcome.type !== 'REVERSE') {
    for (const seg of before.filter((s) => TERMINAL_STATUSES.has(s.status))) {
      const covering = after.filter((s) => s.origin === seg.origin && s.start <= seg.end && seg.start <= s.end);
      expect(covering.reduce((n, s) => n + Math.min(s.end, seg.end) - Math.max(s.start, seg.start) + 1, 0)).toBe(seg.end - seg.start + 1);
      for (const s of covering) { expect(s.status).toBe(seg.status); expect(s.account).toBe(seg.account); }
    }
  }
  // 7: type-correct holdings; cached balances and registry totals equal recomputed ones.
  for (const registry of system.registries.values()) {
    const totals = new Float64Array(UNIT_TYPES.length * UNIT_STATUSES.length);
    for (const account of registry.accounts.values()) {
      const holdings = [...account.holdings.values(), ...[...account.reserved.values()].flat()];
      for (const holding of holdings) {
        const cls = system.classes[holding.classId]!;
        expect(holding.blocks.total).toBe(holding.blocks.toArray().reduce((n, [s, e]) => n + e - s + 1, 0));
        expect(holding.blocks.total).toBeGreaterThan(0);
        if (holding.status === 'ACTIVE' || holding.status === 'RESERVED') expect(matchesAny(cls, holdableFor(registry.config, account.type))).toBe(true);
        totals[totalsIndex(cls.unitType, holding.status)]! += holding.blocks.total;
      }
    }
    expect([...registry.totals]).toEqual([...totals]);
  }
  // 8: replaying the log from genesis gives the current block set.
  expect(replay(system.log)).toEqual(after);
  // 9: compliance records equal the log's compliance entries, and no serial is counted twice.
  const fromLog = new Map<string, number>();
  const counted: Array<{ origin: string; start: number; end: number; seq: number }> = [];
  const reversed = new Set<string>();
  const entries = system.log.entries();
  for (const entry of entries) if (entry.type === 'REVERSE' && entry.refTx !== undefined) reversed.add(entry.refTx);
  for (const entry of entries) {
    for (const c of entry.compliance ?? []) {
      const key = `${c.entity}|${c.scheme}|${c.period}`;
      fromLog.set(key, (fromLog.get(key) ?? 0) + c.sign * (c.allowances + c.credits));
    }
    if (entry.compliance !== undefined && entry.type !== 'REVERSE' && !reversed.has(entry.txId)) {
      for (const e of entry.effects) counted.push({ origin: e.origin, start: e.start, end: e.end, seq: entry.seq });
    }
  }
  for (const [key, record] of system.compliance) expect(record.allowances + record.credits).toBe(fromLog.get(key) ?? 0);
  counted.sort((a, b) => (a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : a.start - b.start));
  for (let k = 1; k < counted.length; k++) {
    if (counted[k]!.origin === counted[k - 1]!.origin) expect(counted[k]!.start).toBeGreaterThan(counted[k - 1]!.end);
  }
}

function freshRun(): Run {
  const system = world({ kyoto: { assignedAmount: 1_000_000, latestReviewedInventory: 150_000, carryOverWindow: { opensAt: START, closesAt: START + 60 * MS_PER_DAY } } });
  registerProject(system, { id: 'P1', scheme: 'DOMESTIC', owner: 'SME', coImplementers: ['BIGCO'] });
  for (const entity of ['A', 'B', 'EXCH', 'SME', 'BIGCO']) reportEmissions(system, { entity, scheme: 'GX', period: 'FY2026', verifiedEmissions: 300 });
  // Opening holdings so that most generated requests have something to act on.
  const seed: Array<[string, string, string, number, number, Partial<Extract<TxRequest, { type: 'ISSUE' }>>]> = [
    ['GX', 'A', 'GX', 200, 2026, {}], ['GX', 'B', 'GX', 200, 2025, {}], ['GX', 'EXCH', 'GX', 100, 2027, {}],
    ['JCREDIT', 'A-JC', 'JCREDIT', 100, 2025, {}], ['JCREDIT', 'SME', 'DOMESTIC', 50, 2010, { projectId: 'P1' }], ['JCREDIT', 'BIGCO', 'JVER', 50, 2012, {}],
    ['JP-KP', 'GOV', 'JP-AAU', 500, 2008, { applicablePeriod: 'CP1' }], ['JP-KP', 'CO', 'JP-AAU', 100, 2008, { applicablePeriod: 'CP1' }],
  ];
  for (const [registry, account, scheme, quantity, vintage, extra] of seed) {
    const result = submit(system, { type: 'ISSUE', at: START, to: ref(registry, account), scheme, quantity, vintage, ...extra });
    if (!result.ok) throw new Error(result.message);
  }
  return { system, at: START, requests: [], applied: [], pending: [] };
}

describe('§5.6 invariants over random transaction sequences', () => {
  it('hold after every applied, rejected or terminated transaction', () => {
    fc.assert(fc.property(fc.array(command, { minLength: 5, maxLength: 25 }), (commands) => {
      const run = freshRun();
      for (const cmd of commands) {
        const before = snapshot(run.system);
        const viewBefore = ledgerView(run.system);
        const outcome = execute(run, cmd);
        // 6: a rejected request leaves the whole system deep-equal.
        if (outcome.kind === 'request' && !outcome.ok) expect(snapshot(run.system)).toEqual(before);
        checkInvariants(run.system, viewBefore, outcome);
        run.at += MS_PER_HOUR;
      }
    }), { numRuns: 80 });
  });

  it('REVERSE is the only way out of a terminal status, and only for the serials of its reference', () => {
    fc.assert(fc.property(fc.array(command, { minLength: 5, maxLength: 25 }), (commands) => {
      const run = freshRun();
      for (const cmd of commands) {
        const viewBefore = ledgerView(run.system);
        const outcome = execute(run, cmd);
        if (outcome.kind !== 'request' || outcome.type !== 'REVERSE' || !outcome.ok) continue;
        // Serials that left a terminal status are exactly those the reference put there.
        const ref = run.system.log.entries().find((e) => e.txId === outcome.refTx && e.phase === 'COMMITTED')!;
        const after = ledgerView(run.system);
        for (const seg of viewBefore.filter((s) => TERMINAL_STATUSES.has(s.status))) {
          for (const s of after.filter((x) => x.origin === seg.origin && x.start <= seg.end && seg.start <= x.end && !TERMINAL_STATUSES.has(x.status))) {
            const lo = Math.max(s.start, seg.start), hi = Math.min(s.end, seg.end);
            const inRef = ref.effects.some((e) => e.origin === s.origin && e.start <= lo && hi <= e.end);
            expect(inRef).toBe(true);
          }
        }
      }
    }), { numRuns: 60 });
  });
});

describe('the generator exercises the registry', () => {
  it('applies a mix of transaction types (not only rejections)', () => {
    const applied = new Map<string, number>();
    const rejected = new Map<string, number>();
    fc.assert(fc.property(fc.array(command, { minLength: 20, maxLength: 30 }), (commands) => {
      const run = freshRun();
      for (const cmd of commands) {
        const outcome = execute(run, cmd);
        if (outcome.kind === 'request') (outcome.ok ? applied : rejected).set(outcome.type, ((outcome.ok ? applied : rejected).get(outcome.type) ?? 0) + 1);
        run.at += MS_PER_HOUR;
      }
    }), { numRuns: 40, seed: 42 });
    if (process.env['REGISTRY_PROPERTY_STATS'] !== undefined) console.log({ applied, rejected, codes: [...codes].sort((a, b) => b[1] - a[1]) });
    for (const type of ['ISSUE', 'TRANSFER_INTERNAL', 'TRANSFER_EXTERNAL', 'SURRENDER', 'INVALIDATE', 'RETIRE', 'CANCEL', 'DELETE', 'REVERSE', 'CONVERT', 'CARRY_OVER']) {
      expect(applied.get(type) ?? 0, `${type} applied at least once`).toBeGreaterThan(0);
    }
    expect([...rejected.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});

describe('accounts used by the generator exist', () => {
  it('every generated account reference resolves', () => {
    const { system } = freshRun();
    const refs: AccountRef[] = [...GX_ACCOUNTS.map((a) => ref('GX', a)), ...JC_ACCOUNTS.map((a) => ref('JCREDIT', a)), ...KP_ACCOUNTS.map((a) => ref('JP-KP', a))];
    for (const r of refs) expect(system.registries.get(r.registry)!.accounts.has(r.account)).toBe(true);
  });
});
