/**
 * The scenario schema: what a scenario file may say, with units and defaults.
 *
 * Policy design is data: every number a scheme uses comes from here, never from a literal in mechanism code.
 * Objects are strict (unknown keys are errors) so a typo in a file is reported rather than silently ignored.
 * Cross-references (a firm's scheme, a scheme's credit types, path lengths against `periods.count`) are checked
 * after this structural pass, in `crossCheck.ts`.
 */
import { z } from 'zod';
import { uncertaintySchema } from '../uncertainty/uncertaintySchema.js';

const identifier = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'must start with a letter and use only letters, digits, "_", "-" or "."')
  .describe('Identifier: a letter, then letters, digits, "_", "-" or "."; at most 64 characters.');

const year = z.number().int().min(1900).max(2200).describe('Calendar or fiscal year.');
const nonNegative = z.number().nonnegative();
const positive = z.number().positive();
const fraction = z.number().min(0).max(1);

/** A price or other money amount that may change by period: a constant, one value per period, or a growth path. */
export const pricePathSchema = z
  .union([
    nonNegative,
    z.array(nonNegative).min(1),
    z.strictObject({
      initial: nonNegative.describe('Value in the first period, currency per tonne.'),
      annualGrowth: z.number().gt(-1).lt(10).default(0).describe('Growth per period, as a fraction (0.03 = +3 %).'),
    }),
  ])
  .describe('A value per period: a constant, a list with one value per period, or {initial, annualGrowth}.');

/** A quantity per period (tonnes): a constant, one value per period, or a path with a yearly reduction. */
export const quantityPathSchema = z
  .union([
    nonNegative,
    z.array(nonNegative).min(1),
    z.strictObject({
      initial: nonNegative.describe('Quantity in the first period, tonnes.'),
      annualReduction: z.number().gt(-1).lt(1).default(0).describe('Linear-factor cut per period as a share of `initial` (0.017 = 1.7 %).'),
    }),
  ])
  .describe('A quantity per period in tonnes: a constant, a list with one value per period, or {initial, annualReduction}.');

const strategySchema = z
  .enum(['perfectForesight', 'myopic', 'adaptive'])
  .describe('How a firm forms price expectations: perfectForesight (knows the equilibrium path), myopic (this period\'s price persists), adaptive (smoothed past prices).');

export const outputSchema = z.strictObject({
  base: positive.describe('Output in the first period, in the sector\'s activity unit (t of product, MWh, m²...).'),
  growth: z.number().gt(-1).lt(10).default(0).describe('Exogenous output growth per period, as a fraction.'),
  shocks: z
    .array(z.number().gt(-1).lt(10))
    .optional()
    .describe('Deterministic output shock per period, as a fraction of the trend (−0.1 = 10 % below trend). One per period.'),
  priceResponse: z
    .strictObject({
      slope: positive.describe('Rise of the marginal production cost per extra unit of output (currency per unit² of output).'),
    })
    .optional()
    .describe('Make output respond to the carbon cost: output falls by (carbon cost per unit − allocation per unit) / slope.'),
});

export const emissionsSchema = z.strictObject({
  fixed: nonNegative.default(0).describe('Emissions that do not depend on output, t/period.'),
  perOutput: nonNegative.describe('Emissions per unit of output before abatement, t per activity unit.'),
});

export const historySchema = z.strictObject({
  emissions: z.record(z.string().regex(/^\d{4}$/, 'keys are four-digit years'), nonNegative).optional()
    .describe('Verified historical emissions by year, t.'),
  output: z.record(z.string().regex(/^\d{4}$/, 'keys are four-digit years'), nonNegative).optional()
    .describe('Historical output by year, activity units.'),
});

const abatementMeasureSchema = z.strictObject({
  name: z.string().max(200).optional(),
  capacity: positive.describe('Abatement the measure delivers per period, t.'),
  cost: nonNegative.describe('Running cost per tonne abated, currency/t.'),
  capitalCost: nonNegative.optional().describe('Up-front cost of adopting the measure, currency (not per tonne).'),
  lifetime: z.number().int().min(1).max(100).optional().describe('Periods an adopted measure keeps abating; needed with capitalCost.'),
});

export const macSchema = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('linear'),
      slope: positive.describe('Marginal abatement cost per tonne abated: MAC(a) = slope × a, currency/t².'),
      maxAbatement: nonNegative.optional().describe('Most the firm can abate per period, t (also capped by its emissions).'),
    }),
    z.strictObject({
      type: z.literal('power'),
      coefficient: positive.describe('MAC(a) = coefficient × a^exponent, currency/t^(1+exponent).'),
      exponent: positive.describe('Curvature: 1 is linear MAC (quadratic cost), 2 is quadratic MAC (cubic cost).'),
      maxAbatement: nonNegative.optional(),
    }),
    z.strictObject({
      type: z.literal('steps'),
      measures: z.array(abatementMeasureSchema).min(1).max(1000).describe('Discrete abatement measures, any order.'),
    }),
  ])
  .describe('Marginal abatement cost curve.');

const firmBody = {
  sector: identifier.describe('Sector id; allocation rules and templates select firms by sector.'),
  scheme: identifier.optional().describe('Scheme covering this firm; may be omitted when the scenario has one scheme.'),
  output: outputSchema,
  emissions: emissionsSchema,
  history: historySchema.optional(),
  mac: macSchema,
  strategy: strategySchema.optional().describe('Overrides expectations.strategy for this firm.'),
  discountRate: z.number().min(0).lt(1).optional().describe('Firm\'s own discount rate per period; defaults to the scenario\'s.'),
  intensityTarget: nonNegative.optional()
    .describe('Firm-specific intensity target, t per activity unit, for schemes with target.type intensity (overrides the scheme value).'),
};

export const firmSchema = z.strictObject({ id: identifier, ...firmBody });

export const firmTemplateSchema = z.strictObject({
  ...firmBody,
  id: identifier.optional().describe('Names the template so design overlays can change it by id; generated firm ids do not use it.'),
  count: z.number().int().min(1).max(1_000_000).describe('Number of firms generated from this template.'),
  idPrefix: identifier.optional().describe('Generated ids are `${idPrefix}-${k}` (k from 1); defaults to the sector id.'),
  spread: z
    .strictObject({
      output: fraction.default(0).describe('Firm k of n gets base output × (1 − s + 2s·k/(n−1)).'),
      mac: fraction.default(0).describe('Firm k of n gets its MAC slope/coefficient/costs × (1 − s + 2s·k/(n−1)).'),
    })
    .optional()
    .describe('Deterministic heterogeneity across the generated firms.'),
});

const sectorsSelector = z.array(identifier).min(1).optional()
  .describe('Sectors this rule applies to; omitted means every sector not matched by an earlier rule.');

const sectorValues = z.union([nonNegative, z.record(identifier, nonNegative)]);

export const allocationRuleSchema = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('grandfathering'),
    sectors: sectorsSelector,
    baseYears: z.array(year).min(1).describe('Years averaged from each firm\'s history.emissions.'),
    reduction: z.strictObject({
      initial: fraction.default(0).describe('Cut applied in the first period, as a share of base emissions.'),
      annual: fraction.default(0).describe('Further cut per period, as a share of base emissions (GX: 0.017).'),
    }).optional(),
  }),
  z.strictObject({
    method: z.literal('benchmark'),
    sectors: sectorsSelector,
    benchmark: sectorValues.describe('Benchmark intensity, t per activity unit; a number or a value per sector.'),
    activity: z.enum(['historical', 'actual']).describe('historical: average output of baseYears (ex ante); actual: this period\'s output (output-based).'),
    baseYears: z.array(year).min(1).optional().describe('Years averaged from history.output; required for historical activity.'),
    annualReduction: fraction.default(0).describe('Cut of the benchmark per period, as a share.'),
  }),
  z.strictObject({
    method: z.literal('auction'),
    sectors: sectorsSelector,
  }),
]);

export const targetSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('absolute'),
    cap: quantityPathSchema.describe('Total allowances issued per period (総量), t.'),
  }),
  z.strictObject({
    type: z.literal('intensity'),
    intensity: sectorValues.describe('Allowed emissions per unit of actual output (原単位), t per activity unit; trued up ex post.'),
  }),
]);

export const bankingSchema = z.strictObject({
  mode: z.enum(['unlimited', 'limited', 'none']).default('unlimited'),
  limitShare: fraction.optional().describe('With mode limited: the bank may not exceed this share of the period\'s supply.'),
});

export const borrowingSchema = z.strictObject({
  mode: z.enum(['none', 'limited', 'withinCompliancePeriod']).default('none')
    .describe('limited: up to limitShare of the period\'s supply; withinCompliancePeriod: freely, repaid by the end of each compliance period.'),
  limitShare: fraction.optional().describe('With mode limited: the outstanding borrowing may not exceed this share of the period\'s supply.'),
  interestRate: z.number().min(0).lt(1).default(0).describe('Extra allowances owed per borrowed allowance per period.'),
});

export const schemeCreditRuleSchema = z.strictObject({
  type: identifier.describe('A credit type id from `credits`.'),
  limit: z
    .strictObject({
      share: fraction.optional().describe('Most credits a firm may use, as a share of its emissions in the period.'),
      tonnes: nonNegative.optional().describe('Most credits a firm may use per period, t of allowance equivalent.'),
    })
    .optional()
    .describe('Quantitative limit per firm; omitted means unlimited.'),
  exchangeRate: positive.default(1).describe('Allowances one credit counts for (0.5 = two credits per allowance).'),
});

export const priceControlsSchema = z.strictObject({
  floor: z.strictObject({
    price: pricePathSchema.describe('Auction reserve price, currency/t.'),
  }).optional().describe('Price floor through the auction reserve price: auctioned allowances are withheld below it.'),
  ceiling: z.strictObject({
    price: pricePathSchema.describe('Price at which reserve allowances are sold (GX: 参考上限取引価格), currency/t.'),
    reserve: z.union([z.literal('unlimited'), nonNegative]).default('unlimited')
      .describe('Allowances available at the ceiling per period: "unlimited" or tonnes.'),
  }).optional(),
  penalty: z.strictObject({
    price: pricePathSchema.describe('Payment per tonne not surrendered, currency/t (a value per period allowed: GX ties it to the rising upper price).'),
    makeGood: z.number().min(0).max(10).default(0)
      .describe('Allowances owed next period per tonne not surrendered (Tokyo: 1.3); 0 means the payment settles it.'),
  }).optional(),
});

export const schemeSchema = z.strictObject({
  id: identifier,
  name: z.string().max(200).optional(),
  target: targetSchema,
  allocation: z.array(allocationRuleSchema).min(1).optional()
    .describe('Absolute targets: free allocation or auction, matched to each firm by sector (a rule listing the sector, else the rule without sectors, which comes last). Not used with intensity targets, whose allowances follow actual output.'),
  compliancePeriodLength: z.number().int().min(1).max(50).default(1)
    .describe('Years in one compliance period (Tokyo: 5; trial multi-year targets: 5).'),
  auction: z.strictObject({
    undersubscription: z.enum(['cancel', 'carryForward']).default('cancel')
      .describe('What happens to auctioned allowances unsold at the reserve price.'),
  }).optional(),
  banking: bankingSchema.optional(),
  borrowing: borrowingSchema.optional(),
  carryOver: z.array(z.strictObject({
    afterYear: year.describe('Last year of a phase.'),
    limitShare: fraction.describe('Share of that year\'s supply that may be carried into the next phase (0 forbids carry-over).'),
  })).optional().describe('Limits on banking across phase boundaries.'),
  credits: z.array(schemeCreditRuleSchema).optional().describe('Credit types eligible in this scheme and their limits.'),
  priceControls: priceControlsSchema.optional(),
});

export const creditTypeSchema = z.strictObject({
  id: identifier,
  name: z.string().max(200).optional(),
  price: pricePathSchema.optional().describe('Exogenous price per credit, currency; credits are available without limit at it.'),
  supply: z.strictObject({
    type: z.literal('linear'),
    minPrice: nonNegative.describe('Price below which no credit is supplied, currency.'),
    slope: positive.describe('Credits supplied per period per unit of price above minPrice, t per currency unit.'),
    maxQuantity: nonNegative.optional().describe('Most credits supplied per period, t.'),
  }).optional().describe('Upward-sloping supply curve of credits per period.'),
});

export const linkSchema = z.strictObject({
  from: identifier.describe('Scheme whose allowances may flow out (exporter).'),
  to: identifier.describe('Scheme whose participants may use them (importer).'),
  direction: z.enum(['oneWay', 'twoWay']).default('twoWay'),
  importLimit: nonNegative.optional().describe('Most allowances crossing the link per period, t; omitted means unlimited.'),
});

export const expectationsSchema = z.strictObject({
  strategy: strategySchema.default('perfectForesight'),
  smoothing: z.number().gt(0).max(1).default(0.5).describe('Adaptive: weight of the latest price in the expectation.'),
  initialPrice: nonNegative.optional().describe('Adaptive: expected price before any price is seen, currency/t.'),
  maxBankYears: nonNegative.default(1).describe('Expectation-driven firms bank at most this many periods of their own baseline emissions.'),
});

export const marketSchema = z.strictObject({
  maxPrice: positive.default(1e7).describe('Highest price the clearing searches, currency/t; a cap that cannot be met below it is infeasible.'),
  mode: z.enum(['auto', 'sequential']).default('auto')
    .describe('auto: the perfect-foresight equilibrium when every firm has perfect foresight, else period by period; sequential: always period by period.'),
});

export const scenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1).max(200),
  description: z.string().max(10_000).optional(),
  sources: z.array(z.strictObject({
    parameter: z.string().max(500),
    source: z.string().max(2000),
    assumption: z.boolean().default(false),
  })).optional().describe('Where each parameter comes from; assumptions are marked.'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as JPY or EUR').default('JPY'),
  periods: z.strictObject({
    start: year.describe('First period\'s (fiscal) year.'),
    count: z.number().int().min(1).max(200).describe('Number of yearly periods.'),
  }),
  discountRate: z.number().min(0).lt(1).describe('Market discount rate per period (Hotelling rate).'),
  firms: z.array(firmSchema).default([]),
  firmTemplates: z.array(firmTemplateSchema).default([]),
  schemes: z.array(schemeSchema).min(1),
  credits: z.array(creditTypeSchema).default([]),
  links: z.array(linkSchema).default([]),
  expectations: expectationsSchema.default({ strategy: 'perfectForesight', smoothing: 0.5, maxBankYears: 1 }),
  market: marketSchema.default({ maxPrice: 1e7, mode: 'auto' }),
  uncertainty: uncertaintySchema.optional(),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type FirmSpec = z.infer<typeof firmSchema>;
export type FirmTemplateSpec = z.infer<typeof firmTemplateSchema>;
export type MacSpec = z.infer<typeof macSchema>;
export type SchemeSpec = z.infer<typeof schemeSchema>;
export type AllocationRuleSpec = z.infer<typeof allocationRuleSchema>;
export type CreditTypeSpec = z.infer<typeof creditTypeSchema>;
export type LinkSpec = z.infer<typeof linkSchema>;
export type PricePathSpec = z.infer<typeof pricePathSchema>;
export type QuantityPathSpec = z.infer<typeof quantityPathSchema>;
export type Strategy = z.infer<typeof strategySchema>;
