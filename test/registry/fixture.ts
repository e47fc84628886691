/**
 * Shared test world: the Japanese rule data (`japanRegistryConfig`) with small, hand-checkable parameters, a
 * foreign Kyoto registry linked to JP-KP, and a few accounts. Expected values in tests derive from the numbers here.
 */
import { expect } from 'vitest';
import { instant } from '../../model/registry/instant.js';
import { japanRegistryConfig, type JapanRegistryOptions } from '../../model/registry/japanRules.js';
import type { AccountSpec, RegistrySystemConfig } from '../../model/registry/rules.js';
import { createRegistrySystem, type RegistrySystem } from '../../model/registry/system.js';
import { submit, type TxApplied, type TxRequest, type TxResult } from '../../model/registry/transact.js';
import { ledgerView } from '../../model/registry/replay.js';
import type { AccountRef } from '../../model/registry/types.js';

/** An instant inside FY2026 (GX Phase 2 year one). */
export const T0 = instant('2026-06-01');
/** Kyoto test Party: assigned amount 1,000 t, latest reviewed inventory 150 t → CPR = min(900, 750) = 750 t. */
export const KYOTO = { assignedAmount: 1_000, latestReviewedInventory: 150 };

export const ref = (registry: string, account: string): AccountRef => ({ registry, account });
export const GX_A = ref('GX', 'A');
export const GX_B = ref('GX', 'B');

export const FIXTURE_ACCOUNTS: AccountSpec[] = [
  { registry: 'GX', id: 'A', type: 'OPERATOR_HOLDING' },
  { registry: 'GX', id: 'B', type: 'OPERATOR_HOLDING' },
  { registry: 'GX', id: 'EXCH', type: 'EXCHANGE' },
  { registry: 'JCREDIT', id: 'A-JC', type: 'TRADING', holder: 'A' },
  { registry: 'JCREDIT', id: 'SME', type: 'TRADING' },
  { registry: 'JCREDIT', id: 'BIGCO', type: 'TRADING' },
  { registry: 'JCREDIT', id: 'OP', type: 'OPERATOR_HOLDING' },
  { registry: 'JCM-JP', id: 'DEV', type: 'TRADING' },
  { registry: 'JP-KP', id: 'GOV', type: 'PARTY_HOLDING', holder: 'JP' },
  { registry: 'JP-KP', id: 'CO', type: 'OPERATOR_HOLDING' },
  { registry: 'XX-KP', id: 'GOV', type: 'PARTY_HOLDING', holder: 'XX' },
  { registry: 'CDM', id: 'PP', type: 'TRADING' },
  { registry: 'TRIAL', id: 'T1', type: 'OPERATOR_HOLDING' },
  { registry: 'TRIAL', id: 'T2', type: 'OPERATOR_HOLDING' },
  { registry: 'TOKYO', id: 'F1', type: 'OPERATOR_HOLDING' },
  { registry: 'SAITAMA', id: 'S1', type: 'OPERATOR_HOLDING' },
];

export function fixtureConfig(options: JapanRegistryOptions = {}, edit?: (config: RegistrySystemConfig) => RegistrySystemConfig): RegistrySystemConfig {
  const base = japanRegistryConfig({
    gx: { caps: [{ vintage: 2026, tonnes: 1_000_000 }] },
    kyoto: { ...KYOTO, carryOverWindow: { opensAt: instant('2015-11-18'), closesAt: instant('2016-11-18') } },
    ...options,
    accounts: [...FIXTURE_ACCOUNTS, ...(options.accounts ?? [])],
  });
  const kyotoUnits = [{ unitTypes: ['AAU', 'RMU', 'ERU', 'CER', 'TCER', 'LCER'] as const }];
  const config: RegistrySystemConfig = {
    ...base,
    registries: [
      ...base.registries,
      {
        id: 'XX-KP', name: 'foreign Kyoto registry', holdable: { PARTY_HOLDING: kyotoUnits.map((u) => ({ unitTypes: [...u.unitTypes] })) },
        party: { party: 'XX', assignedAmount: 1_000, latestReviewedInventory: 150 },
      },
    ],
    links: [
      ...(base.links ?? []),
      { from: 'JP-KP', to: 'XX-KP', units: [{ unitTypes: ['AAU', 'CER', 'ERU'] }] },
      { from: 'XX-KP', to: 'JP-KP', units: [{ unitTypes: ['AAU', 'CER', 'ERU'] }] },
    ],
  };
  return edit === undefined ? config : edit(config);
}

export function world(options: JapanRegistryOptions = {}, edit?: (config: RegistrySystemConfig) => RegistrySystemConfig): RegistrySystem {
  return createRegistrySystem(fixtureConfig(options, edit));
}

/** Asserts a result applied and returns it. */
export function ok(result: TxResult): TxApplied {
  if (!result.ok) throw new Error(`expected the transaction to apply, got ${result.code} ${result.name}: ${result.message}`);
  return result;
}

export function must(system: RegistrySystem, request: TxRequest): TxApplied {
  return ok(submit(system, request));
}

/** Issues `quantity` units of `scheme` directly to an account (ISSUE to a holding account). */
export function issue(system: RegistrySystem, scheme: string, to: AccountRef, quantity: number, vintage: number, extra: Partial<Extract<TxRequest, { type: 'ISSUE' }>> = {}): TxApplied {
  return must(system, { type: 'ISSUE', at: extra.at ?? T0, to, scheme, quantity, vintage, ...extra });
}

/** Deep copy of the entire system state (every field), for "changes nothing" assertions. */
export function snapshot(system: RegistrySystem): unknown {
  return structuredClone(system);
}

/** Asserts `result` is a rejection with `code` and that the system is deep-equal to `before`. */
export function expectRejected(system: RegistrySystem, before: unknown, result: { ok: boolean; code?: string }, code: string): void {
  expect(result.ok).toBe(false);
  expect(result.code).toBe(code);
  expect(snapshot(system)).toEqual(before);
}

export function blocksOf(system: RegistrySystem, account: AccountRef): Array<[number, number, string]> {
  return ledgerView(system)
    .filter((s) => s.registry === account.registry && s.account === account.account)
    .map((s) => [s.start, s.end, s.status]);
}
