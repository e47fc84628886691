/**
 * Compliance accounting per (entity, scheme, period) (§5.6 inv. 9): balance = surrendered − verified emissions,
 * where "surrendered" counts allowances and credits used toward the period (SURRENDER, and RETIRE/INVALIDATE with a
 * compliance target, e.g. GX credits invalidated to reduce 排出実績量). Each serial can be counted once: a counted
 * serial is in a terminal status, and only a REVERSE (which also removes it from the count) brings it back.
 */
import type { AccountResult, ComplianceRecord, RegistrySystem } from './system.js';
import { advanceKey, complianceKey, getAccount } from './system.js';
import type { AccountRef, EntityId, PeriodId, SchemeId } from './types.js';

export interface EmissionsReport {
  entity: EntityId;
  scheme: SchemeId;
  period: PeriodId;
  /** Verified emissions of the period, whole tonnes (the basis of share-of-emissions limits, P04/P10). */
  verifiedEmissions: number;
  /** Reduction obligation, whole tonnes (basis of share-of-obligation limits, e.g. Tokyo outside-Tokyo credits). */
  obligation?: number;
}

/** Records (or corrects) verified emissions. Not a unit transaction: nothing moves, nothing is logged. */
export function reportEmissions(system: RegistrySystem, report: EmissionsReport): AccountResult {
  const scheme = system.config.schemes.get(report.scheme);
  if (scheme === undefined) return { ok: false, message: `reportEmissions: unknown scheme "${report.scheme}"` };
  if (scheme.compliancePeriods?.some((p) => p.id === report.period) !== true) return { ok: false, message: `reportEmissions: scheme ${report.scheme} has no period "${report.period}"` };
  if (!Number.isSafeInteger(report.verifiedEmissions) || report.verifiedEmissions < 0) return { ok: false, message: `reportEmissions: verifiedEmissions must be whole tonnes ≥ 0, got ${report.verifiedEmissions}` };
  if (report.obligation !== undefined && (!Number.isSafeInteger(report.obligation) || report.obligation < 0)) return { ok: false, message: `reportEmissions: obligation must be whole tonnes ≥ 0, got ${report.obligation}` };
  const key = complianceKey(report.entity, report.scheme, report.period);
  let record = system.compliance.get(key);
  if (record === undefined) {
    record = { entity: report.entity, scheme: report.scheme, period: report.period, verifiedEmissions: null, obligation: null, allowances: 0, credits: 0, creditsByLimit: {}, borrowed: 0 };
    system.compliance.set(key, record);
  }
  record.verifiedEmissions = report.verifiedEmissions;
  if (report.obligation !== undefined) record.obligation = report.obligation;
  return { ok: true, account: { registry: scheme.registry, account: report.entity } };
}

export interface ComplianceStatus {
  entity: EntityId;
  scheme: SchemeId;
  period: PeriodId;
  verifiedEmissions: number | null;
  allowances: number;
  credits: number;
  /** allowances + credits, t. */
  surrendered: number;
  /** Next-vintage allowances used (P10), t. */
  borrowed: number;
  creditsByLimit: Readonly<Record<string, number>>;
  /** surrendered − verified emissions (null until emissions are reported); ≥ 0 means compliant. */
  balance: number | null;
}

export function complianceStatus(system: RegistrySystem, entity: EntityId, scheme: SchemeId, period: PeriodId): ComplianceStatus {
  const record: ComplianceRecord | undefined = system.compliance.get(complianceKey(entity, scheme, period));
  const allowances = record?.allowances ?? 0;
  const credits = record?.credits ?? 0;
  const verified = record?.verifiedEmissions ?? null;
  return {
    entity, scheme, period, verifiedEmissions: verified, allowances, credits, surrendered: allowances + credits,
    borrowed: record?.borrowed ?? 0, creditsByLimit: { ...(record?.creditsByLimit ?? {}) },
    balance: verified === null ? null : allowances + credits - verified,
  };
}

/** Government confirmation of target achievement: lifts the advance-sale limit (P08) for the account's ex-ante units. */
export function confirmAdvance(system: RegistrySystem, ref: AccountRef, scheme: SchemeId): AccountResult {
  if (getAccount(system, ref) === undefined) return { ok: false, message: `confirmAdvance: no account ${ref.registry}/${ref.account}` };
  const key = advanceKey(ref.registry, ref.account, scheme);
  const record = system.advance.get(key);
  if (record === undefined) system.advance.set(key, { received: 0, sold: 0, confirmed: true });
  else record.confirmed = true;
  return { ok: true, account: ref };
}
