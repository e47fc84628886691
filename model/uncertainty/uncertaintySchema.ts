/**
 * The `uncertainty` section of a scenario: which inputs are uncertain, with what distributions, and how they are
 * correlated through common factors. A batch run draws them afresh for each run (`realizeScenario`); a single
 * `simulate` ignores the section.
 *
 * Factor model. An uncertain firm input gets the sum (additive targets) or product (multiplicative targets) of up
 * to three components, each a distribution:
 * - `economy`: one draw shared by every firm (an economy-wide shock);
 * - `sector` / `sectors`: one draw per sector, shared by the firms of that sector (`sectors` gives a sector its own
 *   distribution, `sector` is used for every sector not listed there);
 * - `firm`: one draw per firm (idiosyncratic).
 * Missing components contribute nothing (0 to a sum, 1 to a product).
 *
 * | target | applies to | combined | drawn |
 * |---|---|---|---|
 * | `output.growth` | added to each firm's `output.growth` (fraction per period) | sum | once per run |
 * | `output.shocks` | added to each firm's output shock (fraction of trend) in each period | sum | each period |
 * | `emissions` | multiplies each firm's `emissions.perOutput` and `emissions.fixed` | product | once per run |
 * | `mac` | multiplies each firm's abatement cost (linear `slope`, power `coefficient`, step `cost` and `capitalCost`) | product | once per run |
 * | `credits.<id>.price` | multiplies the credit type's exogenous price | — | each period |
 * | `credits.<id>.supply` | multiplies the supply curve's `slope` and `maxQuantity` | — | once per run |
 *
 * Every draw comes from its own named random stream (seed, run, entity, year, purpose), so a draw never depends on
 * the design, on other targets or on the order of firms: two designs run with the same seed see the same futures.
 */
import { z } from 'zod';

const identifier = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'must start with a letter and use only letters, digits, "_", "-" or "."');

const bounds = {
  min: z.number().optional().describe('Lower bound: smaller draws are set to it (censoring).'),
  max: z.number().optional().describe('Upper bound: larger draws are set to it (censoring).'),
};

export const distributionSchema = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('normal'),
      mean: z.number().default(0).describe('Mean, in the unit of the target.'),
      sd: z.number().nonnegative().describe('Standard deviation, in the unit of the target.'),
      ...bounds,
    }),
    z.strictObject({
      type: z.literal('lognormal'),
      meanlog: z.number().default(0).describe('Mean of the logarithm (0: median 1).'),
      sdlog: z.number().nonnegative().describe('Standard deviation of the logarithm.'),
      ...bounds,
    }),
    z.strictObject({
      type: z.literal('uniform'),
      min: z.number().describe('Smallest value.'),
      max: z.number().describe('Largest value.'),
    }),
    z.strictObject({
      type: z.literal('triangular'),
      min: z.number().describe('Smallest value.'),
      mode: z.number().describe('Most likely value.'),
      max: z.number().describe('Largest value.'),
    }),
    z.strictObject({
      type: z.literal('discrete'),
      values: z.array(z.number()).min(1).max(100_000).describe('Possible values.'),
      weights: z.array(z.number().nonnegative()).optional().describe('Relative probability of each value; equal when omitted.'),
    }),
    z.strictObject({
      type: z.literal('empirical'),
      samples: z.array(z.number()).min(1).max(1_000_000).describe('Observed values, each drawn with equal probability (bootstrap).'),
    }),
  ])
  .superRefine((spec, context) => {
    if ((spec.type === 'normal' || spec.type === 'lognormal' || spec.type === 'uniform' || spec.type === 'triangular')
      && spec.min !== undefined && spec.max !== undefined && spec.min > spec.max) {
      context.addIssue({ code: 'custom', path: ['max'], message: `must be ≥ min (${spec.min})` });
    }
    if (spec.type === 'triangular' && !(spec.min <= spec.mode && spec.mode <= spec.max)) {
      context.addIssue({ code: 'custom', path: ['mode'], message: `must lie between min (${spec.min}) and max (${spec.max})` });
    }
    if (spec.type === 'discrete' && spec.weights !== undefined) {
      if (spec.weights.length !== spec.values.length) {
        context.addIssue({ code: 'custom', path: ['weights'], message: `must have one weight per value (${spec.values.length}), got ${spec.weights.length}` });
      } else if (!spec.weights.some((w) => w > 0)) {
        context.addIssue({ code: 'custom', path: ['weights'], message: 'must not all be 0' });
      }
    }
  })
  .describe('A probability distribution: normal, lognormal, uniform, triangular, discrete or empirical.');

export const factorModelSchema = z
  .strictObject({
    economy: distributionSchema.optional().describe('Economy-wide component: one draw shared by every firm.'),
    sector: distributionSchema.optional().describe('Sector component: one draw per sector, for every sector not listed in `sectors`.'),
    sectors: z.record(identifier, distributionSchema).optional().describe('Sector component with its own distribution for the listed sectors.'),
    firm: distributionSchema.optional().describe('Idiosyncratic component: one draw per firm.'),
  })
  .describe('Components combined by the target (summed or multiplied): economy + sector + firm.');

export const creditUncertaintySchema = z.strictObject({
  price: distributionSchema.optional().describe('Multiplier of the exogenous credit price, drawn each period.'),
  supply: distributionSchema.optional().describe('Multiplier of the supply curve\'s slope and maxQuantity, drawn once per run.'),
});

export const uncertaintySchema = z
  .strictObject({
    output: z.strictObject({
      growth: factorModelSchema.optional().describe('Added to each firm\'s output.growth (fraction per period); drawn once per run.'),
      shocks: factorModelSchema.optional().describe('Added to each firm\'s output shock (fraction of trend); drawn each period.'),
    }).optional(),
    emissions: factorModelSchema.optional().describe('Multiplier of each firm\'s emissions.perOutput and emissions.fixed; drawn once per run.'),
    mac: factorModelSchema.optional().describe('Multiplier of each firm\'s abatement cost parameters; drawn once per run.'),
    credits: z.record(identifier, creditUncertaintySchema).optional().describe('Uncertain price or supply of credit types, by credit id.'),
  })
  .describe('Uncertain inputs, drawn afresh for each run of a batch (ets run --runs N).');

export type DistributionSpec = z.infer<typeof distributionSchema>;
export type FactorModelSpec = z.infer<typeof factorModelSchema>;
export type CreditUncertaintySpec = z.infer<typeof creditUncertaintySchema>;
export type UncertaintySpec = z.infer<typeof uncertaintySchema>;
