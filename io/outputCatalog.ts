/**
 * The values of the dictionary-encoded string columns of one scenario's output: firm ids (in engine order), sectors
 * (in order of first appearance), schemes, credit types and ledger accounts, plus the fixed vocabularies. Every
 * record batch of a file shares these dictionaries, so they are computed once from the scenario, in the main thread
 * and in each worker alike.
 */
import type { Scenario } from '../model/scenario/schema.js';
import { templateFirmId } from '../model/scenario/templateFirmId.js';
import type { DictionaryName } from './tables.js';

export const MARKET_MODES = ['intertemporal', 'sequential'] as const;

export const TRANSACTION_KINDS = [
  'issue', 'distribute', 'transfer', 'surrender', 'borrow', 'repay', 'chargeInterest', 'settleDebtByPenalty', 'cancelUnissued', 'lapse',
] as const;
export type TransactionKind = (typeof TRANSACTION_KINDS)[number];

/** Name of the exchange's clearing account in the transactions table. */
export const EXCHANGE_ACCOUNT = '<exchange>';
/** Name of a scheme's issuance account in the transactions table. */
export const issuanceAccount = (scheme: string): string => `<issuance:${scheme}>`;

export interface OutputCatalog {
  readonly values: Readonly<Record<DictionaryName, readonly string[]>>;
  readonly firmIndex: ReadonlyMap<string, number>;
  readonly sectorIndex: ReadonlyMap<string, number>;
  readonly schemeIndex: ReadonlyMap<string, number>;
  readonly creditTypeIndex: ReadonlyMap<string, number>;
}

const indexOf = (values: readonly string[]): Map<string, number> => new Map(values.map((value, k) => [value, k]));

export function outputCatalog(scenario: Scenario): OutputCatalog {
  const firms: string[] = scenario.firms.map((f) => f.id);
  const firmSectors: string[] = scenario.firms.map((f) => f.sector);
  for (const template of scenario.firmTemplates) {
    for (let k = 1; k <= template.count; k++) firms.push(templateFirmId(template, k));
    firmSectors.push(template.sector);
  }
  const sectors = [...new Set(firmSectors)];
  const schemes = scenario.schemes.map((s) => s.id);
  const creditTypes = scenario.credits.map((c) => c.id);
  // Ledger accounts: firm k is account k, then the exchange, then one issuance account per scheme.
  const accounts = [...firms, EXCHANGE_ACCOUNT, ...schemes.map(issuanceAccount)];
  return {
    values: { firm: firms, sector: sectors, scheme: schemes, creditType: creditTypes, marketMode: MARKET_MODES, transactionKind: TRANSACTION_KINDS, account: accounts },
    firmIndex: indexOf(firms),
    sectorIndex: indexOf(sectors),
    schemeIndex: indexOf(schemes),
    creditTypeIndex: indexOf(creditTypes),
  };
}
