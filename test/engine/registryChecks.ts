/**
 * Shared checks of a run settled through the registry (`RegistrySettlement`) against the same run without it: the
 * rounding bounds of `wholeTonneSettlement`, compliance, exact conservation in the registry, and log replay.
 */
import { expect } from 'vitest';
import { simulate } from '../../model/engine/simulate.js';
import { RegistrySettlement } from '../../model/engine/registrySettlement.js';
import { readTransactionLog } from '../../model/engine/transactionLogFile.js';
import type { RunResult } from '../../model/engine/runResult.js';
import type { Scenario } from '../../model/scenario/schema.js';
import { ledgerView, replay } from '../../model/registry/replay.js';

export interface RegistryRun {
  base: RunResult;
  result: RunResult;
  registry: RegistrySettlement;
}

/** Runs a scenario without and with the registry settlement (log on). */
export function runWithRegistry(scenario: Scenario): RegistryRun {
  const base = simulate(scenario);
  const registry = new RegistrySettlement({ log: true });
  const result = simulate(scenario, { registry });
  return { base, result, registry };
}

/** Float noise allowed on top of a whole-tonne bound. */
const NOISE = 1e-5;

/**
 * Per firm and period: quantities within 1 t of the engine's (bank and borrowing: 1 t more per tonne the scheme
 * needed beyond its floors and ceilings so far), compliance as the engine's, and the integer flow identity.
 * @returns the largest difference seen per quantity
 */
export function checkAgainstEngine({ base, result, registry }: RegistryRun): Record<string, number> {
  expect(JSON.stringify(result)).toBe(JSON.stringify(base));
  const largest: Record<string, number> = {};
  const note = (key: string, difference: number): void => { largest[key] = Math.max(largest[key] ?? 0, Math.abs(difference)); };
  const engineRow = new Map(base.firms.map((row) => [`${row.firm}|${row.period}`, row]));
  const beyond = new Map<string, number>();
  const previousHoldings = new Map<string, number>();
  const previousDebt = new Map<string, number>();
  expect(registry.firmRows.length).toBe(base.firms.length);
  for (const schemeRow of registry.schemeRows) {
    const key = schemeRow.scheme;
    beyond.set(key, (beyond.get(key) ?? 0) + schemeRow.beyondSlack);
    let netPurchases = 0;
    for (const row of registry.firmRows.filter((r) => r.scheme === schemeRow.scheme && r.period === schemeRow.period)) {
      const engine = engineRow.get(`${row.firm}|${row.period}`)!;
      for (const [name, whole, float, extra] of [
        ['freeAllocation', row.freeAllocation, engine.freeAllocation, 0], ['verifiedEmissions', row.verifiedEmissions, engine.emissions, 0],
        ['credits', row.creditsSurrendered, engine.creditsUsed, 0], ['penaltyTonnes', row.penaltyTonnes, engine.penaltyTonnes, row.uncovered],
      ] as const) {
        note(name, whole - float);
        expect(Math.abs(whole - float), `${name} of ${row.firm} in ${row.year}: ${whole} vs ${float}`).toBeLessThanOrEqual(1 + extra + NOISE);
      }
      note('uncovered', row.uncovered);
      note('netPurchase', row.netPurchase - (engine.purchases - engine.sales));
      const slack = 1 + beyond.get(key)! + NOISE;
      note('bank', row.bank - engine.bank);
      note('borrowing', row.borrowing - engine.borrowing);
      expect(Math.abs(row.bank - engine.bank), `bank of ${row.firm} in ${row.year}: ${row.bank} vs ${engine.bank}`).toBeLessThanOrEqual(slack);
      expect(Math.abs(row.borrowing - engine.borrowing), `borrowing of ${row.firm} in ${row.year}: ${row.borrowing} vs ${engine.borrowing}`).toBeLessThanOrEqual(slack);
      // The registry's verdict is the engine's, except for tonnes whole-tonne limits left uncovered.
      expect(row.compliant, `compliance of ${row.firm} in ${row.year}`).toBe(engine.compliant && row.uncovered === 0);
      // Whole-tonne identities: holdings and debt follow the flows exactly.
      const start = previousHoldings.get(row.firm) ?? 0;
      expect(row.holdings).toBe(start + row.freeAllocation + row.advance + row.netPurchase - row.allowancesSurrendered - row.repaid - row.lapsed);
      expect(row.debt).toBe((previousDebt.get(row.firm) ?? 0) + row.advance - row.debtSettledByPenalty - row.repaid + row.interest);
      previousHoldings.set(row.firm, row.holdings);
      previousDebt.set(row.firm, row.debt);
      for (const value of [row.holdings, row.debt, row.netPurchase, row.lapsed, row.repaid]) expect(Number.isSafeInteger(value)).toBe(true);
      netPurchases += row.netPurchase;
    }
    // The market clears exactly: net purchases = government sales.
    expect(netPurchases).toBe(schemeRow.auctionSold + schemeRow.reserveSold);
  }
  return largest;
}

/**
 * Conservation in whole tonnes, from the registry's own blocks: per origin, issued = Σ over statuses; allowances
 * issued = what the settlement issued, surrendered = Σ firms' surrendered allowances, cancelled = unsold + repaid +
 * lapsed, active = the firms' end holdings; credits issued = surrendered.
 */
export function checkConservation({ registry }: RegistryRun): void {
  const totals = registry.unitTotals();
  for (const [origin, { issued, byStatus }] of Object.entries(totals)) {
    expect(Object.values(byStatus).reduce((a, b) => a + b, 0), `units of ${origin}`).toBe(issued);
    expect(byStatus.RESERVED + byStatus.RETIRED + byStatus.DELETED + byStatus.EXPIRED + byStatus.INVALIDATED + byStatus.REPLACED).toBe(0);
  }
  const schemes = new Set(registry.schemeRows.map((row) => row.scheme));
  const lastPeriod = Math.max(...registry.schemeRows.map((row) => row.period));
  const creditsBought = new Map<string, number>();
  for (const scheme of schemes) {
    const rows = registry.schemeRows.filter((row) => row.scheme === scheme);
    const firms = registry.firmRows.filter((row) => row.scheme === scheme);
    const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
    const units = totals[scheme] ?? { issued: 0, byStatus: { ACTIVE: 0, SURRENDERED: 0, CANCELLED: 0 } as Record<string, number> };
    expect(units.issued, `${scheme} issued`).toBe(sum(rows.map((r) => r.issued + r.advanced)));
    expect(units.byStatus.SURRENDERED, `${scheme} surrendered`).toBe(sum(firms.map((r) => r.allowancesSurrendered)));
    expect(units.byStatus.CANCELLED, `${scheme} cancelled`).toBe(sum(rows.map((r) => r.unsoldCancelled + r.repaidCancelled + r.lapsedCancelled)));
    expect(units.byStatus.ACTIVE, `${scheme} held`).toBe(sum(firms.filter((r) => r.period === lastPeriod).map((r) => r.holdings)));
    for (const row of rows) for (const [credit, quantity] of Object.entries(row.credits)) creditsBought.set(credit, (creditsBought.get(credit) ?? 0) + quantity);
  }
  for (const [credit, quantity] of creditsBought) {
    const units = totals[credit];
    expect(units?.issued ?? 0, `${credit} issued`).toBe(quantity);
    expect(units?.byStatus.SURRENDERED ?? 0, `${credit} surrendered`).toBe(quantity);
  }
}

/**
 * Replaying the log gives the registry's blocks, both from the live log and from the written one (JSON round trip),
 * and the firms' final holdings.
 */
export function checkReplay({ registry }: RegistryRun): void {
  const system = registry.system;
  const live = ledgerView(system);
  expect(replay(system.log)).toEqual(live);
  const written = JSON.parse(JSON.stringify(registry.transactionLog())) as ReturnType<RegistrySettlement['transactionLog']>;
  const replayed = replay(readTransactionLog(written));
  expect(replayed).toEqual(live);
  const lastPeriod = Math.max(...registry.firmRows.map((row) => row.period));
  for (const row of registry.firmRows.filter((r) => r.period === lastPeriod)) {
    const held = replayed.filter((s) => s.registry === row.scheme && s.account === row.firm && s.status === 'ACTIVE').reduce((n, s) => n + s.end - s.start + 1, 0);
    expect(held, `replayed holdings of ${row.firm}`).toBe(row.holdings);
  }
}
