/**
 * Builds the sampler a distribution spec of the scenario describes (`uncertaintySchema.ts`), with its bounds.
 *
 * @example distributionFromSpec({ type: 'normal', mean: 0, sd: 0.05, min: -0.5 }).quantile(0.5) // 0
 */
import { Clamped } from '../random/clamped.js';
import { Discrete } from '../random/discrete.js';
import type { Distribution } from '../random/distribution.js';
import { Empirical } from '../random/empirical.js';
import { Lognormal } from '../random/lognormal.js';
import { Normal } from '../random/normal.js';
import { Triangular } from '../random/triangular.js';
import { Uniform } from '../random/uniform.js';
import type { DistributionSpec } from './uncertaintySchema.js';

function bounded(distribution: Distribution, min: number | undefined, max: number | undefined): Distribution {
  if (min === undefined && max === undefined) return distribution;
  return new Clamped(distribution, min ?? Number.NEGATIVE_INFINITY, max ?? Number.POSITIVE_INFINITY);
}

export function distributionFromSpec(spec: DistributionSpec): Distribution {
  switch (spec.type) {
    case 'normal':
      return bounded(new Normal(spec.mean, spec.sd), spec.min, spec.max);
    case 'lognormal':
      return bounded(new Lognormal(spec.meanlog, spec.sdlog), spec.min, spec.max);
    case 'uniform':
      return new Uniform(spec.min, spec.max);
    case 'triangular':
      return new Triangular(spec.min, spec.mode, spec.max);
    case 'discrete':
      return new Discrete(spec.values, spec.weights);
    case 'empirical':
      return new Empirical(spec.samples);
  }
}
