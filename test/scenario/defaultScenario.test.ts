// The built-in default scenario and the example design overlays: they load, say what the README says they say,
// and (with the engine) run to prices inside the GX price corridor.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../cli/loadScenarioFile.js';
import { simulate } from '../../model/engine/simulate.js';

const scenarioFile = (name: string): string => fileURLToPath(new URL(`../../scenarios/${name}`, import.meta.url));
const DEFAULT = scenarioFile('default.yaml');

describe('scenarios/default.yaml', () => {
  it('is a 5-period GX-like absolute-cap scheme of about 20 firms from 4 sector templates', async () => {
    const scenario = await loadScenarioFile(DEFAULT);
    expect(scenario.periods).toEqual({ start: 2026, count: 5 });
    expect(scenario.discountRate).toBe(0.03);
    expect(scenario.currency).toBe('JPY');
    expect(scenario.firms).toHaveLength(0);
    expect(scenario.firmTemplates.map((t) => t.sector)).toEqual(['power', 'steel', 'cement', 'other']);
    expect(scenario.firmTemplates.reduce((sum, t) => sum + t.count, 0)).toBe(20);
    const [scheme] = scenario.schemes;
    expect(scheme!.target.type).toBe('absolute');
    expect(scheme!.allocation!.map((rule) => [rule.method, rule.sectors])).toEqual([
      ['benchmark', ['steel', 'cement']],
      ['grandfathering', ['other']],
      ['auction', ['power']],
    ]);
    expect(scheme!.banking?.mode).toBe('unlimited');
    expect(scheme!.borrowing?.mode).toBe('none');
    expect(scheme!.credits).toEqual([{ type: 'jcredit', limit: { share: 0.1 }, exchangeRate: 1 }]);
    // REGISTRY.md 3.9: ¥1,700 and ¥4,300 in FY2026, × 1.03 a year.
    expect(scheme!.priceControls?.floor?.price).toEqual({ initial: 1700, annualGrowth: 0.03 });
    expect(scheme!.priceControls?.ceiling).toEqual({ price: { initial: 4300, annualGrowth: 0.03 }, reserve: 'unlimited' });
    expect(scenario.expectations.strategy).toBe('perfectForesight');
  });

  it('loads with each example overlay', async () => {
    const auction = await loadScenarioFile(DEFAULT, { designs: [scenarioFile('designs/auction.yaml')] });
    expect(auction.schemes[0]!.allocation).toEqual([{ method: 'auction' }]);
    const noBanking = await loadScenarioFile(DEFAULT, { designs: [scenarioFile('designs/no-banking.yaml')] });
    expect(noBanking.schemes[0]!.banking).toEqual({ mode: 'none' });
    expect(noBanking.schemes[0]!.allocation).toHaveLength(3);
  });

  it('runs to prices inside the GX corridor (floor ¥1,700 and ceiling ¥4,300 growing 3 %/yr)', async () => {
    const scenario = await loadScenarioFile(DEFAULT);
    const result = simulate(scenario);
    expect(result.schemes).toHaveLength(5);
    for (const row of result.schemes) {
      const t = row.year - 2026;
      expect(row.price).toBeGreaterThanOrEqual(1700 * 1.03 ** t - 1e-6);
      expect(row.price).toBeLessThanOrEqual(4300 * 1.03 ** t + 1e-6);
    }
    expect(result.metrics.complianceRate).toBe(1);
  });
});
