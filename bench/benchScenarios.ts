/**
 * The scenarios of the batch benchmark, all derived from scenarios/default.yaml with the uncertainty overlay
 * scenarios/uncertainty/default-uncertainty.yaml (so every run draws its own future, as in a real Monte Carlo batch):
 * - small: the default scenario itself (20 firms × 5 periods);
 * - medium: 1,000 firms (every template × 50) × 10 periods;
 * - large: 10,000 firms (every template × 500) × 10 periods.
 * Caps scale with the number of firms, so prices stay in the same range.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { composeScenario } from '../model/scenario/composeScenario.js';
import type { Scenario } from '../model/scenario/schema.js';

export type BenchSize = 'small' | 'medium' | 'large';

export const BENCH_SIZES: Record<BenchSize, { scale: number; periods: number | null }> = {
  small: { scale: 1, periods: null },
  medium: { scale: 50, periods: 10 },
  large: { scale: 500, periods: 10 },
};

type Raw = Record<string, unknown> & {
  periods: { start: number; count: number };
  firmTemplates: { count: number }[];
  schemes: { target: { cap: { initial: number } } }[];
};

export function benchScenario(root: string, size: BenchSize): Scenario {
  const base = parse(readFileSync(join(root, 'scenarios', 'default.yaml'), 'utf8')) as Raw;
  const uncertainty = parse(readFileSync(join(root, 'scenarios', 'uncertainty', 'default-uncertainty.yaml'), 'utf8')) as object;
  const { scale, periods } = BENCH_SIZES[size];
  const data: Raw = structuredClone(base);
  if (periods !== null) data.periods.count = periods;
  for (const template of data.firmTemplates) template.count *= scale;
  for (const scheme of data.schemes) scheme.target.cap.initial *= scale;
  return composeScenario({ file: `default.yaml (${size})`, data }, [{ file: 'default-uncertainty.yaml', data: uncertainty }]);
}
