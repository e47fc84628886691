/** Expands the per-period value forms of the schema (constant, list, growth or reduction path) to arrays. */
import type { PricePathSpec, QuantityPathSpec } from './schema.js';

export function expandPricePath(spec: PricePathSpec, periodCount: number): Float64Array {
  const values = new Float64Array(periodCount);
  for (let t = 0; t < periodCount; t++) {
    if (typeof spec === 'number') values[t] = spec;
    else if (Array.isArray(spec)) values[t] = spec[t] ?? spec[spec.length - 1]!;
    else values[t] = spec.initial * (1 + spec.annualGrowth) ** t;
  }
  return values;
}

export function expandQuantityPath(spec: QuantityPathSpec, periodCount: number): Float64Array {
  const values = new Float64Array(periodCount);
  for (let t = 0; t < periodCount; t++) {
    if (typeof spec === 'number') values[t] = spec;
    else if (Array.isArray(spec)) values[t] = spec[t] ?? spec[spec.length - 1]!;
    else values[t] = Math.max(0, spec.initial * (1 - spec.annualReduction * t));
  }
  return values;
}
