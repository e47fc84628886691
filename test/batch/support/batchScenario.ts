/**
 * A small scenario with every kind of uncertainty, for batch tests: 5 explicit firms in two sectors and a template
 * of 2 cement firms, 3 periods, one scheme with mixed allocation and a credit with an uncertain price.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Scenario } from '../../../model/scenario/schema.js';
import type { BatchDesign } from '../../../workers/runBatch.js';
import { scenario } from '../../support/buildScenario.js';

export function batchScenario(overrides: Record<string, unknown> = {}): Scenario {
  const firm = (id: string, sector: string, base: number, slope: number) => ({
    id, sector, output: { base, growth: 0.01 }, emissions: { perOutput: 1.5, fixed: 2 },
    mac: { type: 'linear' as const, slope }, history: { emissions: { '2029': 1.5 * base + 2 }, output: { '2029': base } },
  });
  return scenario({
    name: 'batch-test',
    periods: { start: 2030, count: 3 },
    discountRate: 0.04,
    firms: [firm('s1', 'steel', 100, 2), firm('s2', 'steel', 80, 3), firm('p1', 'power', 120, 1.5), firm('p2', 'power', 60, 2.5), firm('p3', 'power', 90, 4)],
    firmTemplates: [{ sector: 'cement', count: 2, output: { base: 50 }, emissions: { perOutput: 0.8 }, mac: { type: 'linear', slope: 5 }, history: { emissions: { '2029': 40 }, output: { '2029': 50 } }, spread: { output: 0.2 } }],
    credits: [{ id: 'jcredit', price: 3 }],
    schemes: [{
      id: 'ets',
      target: { type: 'absolute', cap: { initial: 620, annualReduction: 0.05 } },
      allocation: [{ method: 'grandfathering', sectors: ['steel', 'cement'], baseYears: [2029] }, { method: 'auction' }],
      credits: [{ type: 'jcredit', limit: { share: 0.05 } }],
      priceControls: { penalty: { price: 500 } },
    }],
    uncertainty: {
      output: { shocks: { economy: { type: 'normal', sd: 0.04 }, sector: { type: 'normal', sd: 0.02 }, firm: { type: 'normal', sd: 0.01 } } },
      mac: { sector: { type: 'lognormal', sdlog: 0.2 } },
      credits: { jcredit: { price: { type: 'uniform', min: 0.5, max: 1.5 } } },
    },
    ...overrides,
  } as never);
}

export function design(s: Scenario = batchScenario(), label = 'base'): BatchDesign {
  return { label, scenario: s, source: { file: 'batch-test.yaml', fileSha256: null } };
}

const created: string[] = [];
process.once('exit', () => {
  for (const directory of created) rmSync(directory, { recursive: true, force: true });
});

/** A new empty directory under the system's temporary directory, removed when the test process exits. */
export function temporaryDirectory(prefix = 'ets-batch-'): string {
  const directory = mkdtempSync(join(tmpdir(), prefix));
  created.push(directory);
  return directory;
}
