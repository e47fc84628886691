/** Configuration is validated whole at creation; every error names the option path. Ratios are exact. */
import { describe, expect, it } from 'vitest';
import { RegistryConfigError } from '../../model/registry/checkCodes.js';
import { instant } from '../../model/registry/instant.js';
import { japanRegistryConfig, JAPAN_SOURCES } from '../../model/registry/japanRules.js';
import { atLeast, floorTimes, parseRatio } from '../../model/registry/rules.js';
import { cloneSystem, createRegistrySystem, openAccount } from '../../model/registry/system.js';
import { submit } from '../../model/registry/transact.js';
import { ledgerView } from '../../model/registry/replay.js';
import { issue, ref, T0, world } from './fixture.js';

describe('configuration errors name the option', () => {
  const base = japanRegistryConfig();
  it('duplicate registry', () => {
    expect(() => createRegistrySystem({ ...base, registries: [...base.registries, base.registries[0]!] })).toThrow(/registries\[10\]\.id: duplicate registry "JP-KP"/);
  });
  it('scheme in an unknown registry', () => {
    expect(() => createRegistrySystem({ ...base, schemes: [...base.schemes, { id: 'X', registry: 'NOWHERE', unitType: 'CREDIT' }] })).toThrow(/schemes\[\d+\]\.registry: unknown registry "NOWHERE"/);
  });
  it('an unreadable share', () => {
    expect(() => japanRegistryConfigWith({ gx: { creditShare: 'ten percent' } })).toThrow(/creditLimits\[0\]\.limit\.share: expected a number/);
  });
  it('an inverted carry-over window', () => {
    expect(() => japanRegistryConfigWith({ kyoto: { carryOverWindow: { opensAt: instant('2016-01-01'), closesAt: instant('2015-01-01') } } })).toThrow(RegistryConfigError);
  });
  it('openAccount refuses a duplicate without throwing', () => {
    const system = world();
    expect(openAccount(system, { registry: 'GX', id: 'A', type: 'OPERATOR_HOLDING' })).toEqual({ ok: false, message: 'openAccount: account "A" already exists in GX' });
  });
  it('instant() rejects non-dates', () => {
    expect(() => instant('2021-02-30')).toThrow(/not a calendar date/);
    expect(() => instant('31/03/2021')).toThrow(/expected "YYYY-MM-DD"/);
  });
});

function japanRegistryConfigWith(options: Parameters<typeof japanRegistryConfig>[0]) {
  return createRegistrySystem(japanRegistryConfig(options));
}

describe('ratios are exact', () => {
  it('decimal, fraction and exponent forms', () => {
    expect(parseRatio(0.1, 'x')).toEqual({ num: 1n, den: 10n });
    expect(parseRatio('1/3', 'x')).toEqual({ num: 1n, den: 3n });
    expect(parseRatio('2.5e-2', 'x')).toEqual({ num: 25n, den: 1000n });
    // ⌊1,000,000 × 0.1⌋ = 100,000 exactly (a float product would be 100000.00000000001).
    expect(floorTimes(1_000_000, parseRatio(0.1, 'x'))).toBe(100_000);
    expect(floorTimes(100, parseRatio('1/3', 'x'))).toBe(33);
    expect(atLeast(750, 1_000, parseRatio('0.75', 'x'))).toBe(true);
    expect(atLeast(749, 1_000, parseRatio('0.75', 'x'))).toBe(false);
  });
});

describe('rules are data', () => {
  it('every Japanese default carries a source, and unverified ones say [U]', () => {
    expect(Object.keys(JAPAN_SOURCES).length).toBeGreaterThan(10);
    expect(JAPAN_SOURCES['kyoto.cpr']).toMatch(/\[U\]/);
    expect(JAPAN_SOURCES['jver.usableUntil']).toMatch(/\[V\]/);
  });
  it('a clone is independent of its baseline (overlays never mutate the baseline)', () => {
    const baseline = world();
    issue(baseline, 'GX', ref('GX', 'A'), 10, 2026);
    const view = ledgerView(baseline);
    const overlay = cloneSystem(baseline);
    expect(submit(overlay, { type: 'TRANSFER_INTERNAL', at: T0, from: ref('GX', 'A'), to: ref('GX', 'B'), quantity: 5, unit: { unitType: 'ALLOWANCE' } }).ok).toBe(true);
    expect(ledgerView(baseline)).toEqual(view);
    expect(ledgerView(overlay)).not.toEqual(view);
  });
});
