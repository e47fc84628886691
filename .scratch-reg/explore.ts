import fc from 'fast-check';
import { simulate } from '../model/engine/simulate.js';
import { RegistrySettlement } from '../model/engine/registrySettlement.js';
import { buildDesign, designArbitrary } from '../test/support/randomDesign.js';
const designs = fc.sample(designArbitrary, { numRuns: Number(process.argv[2] ?? 300), seed: Number(process.argv[3] ?? 1) });
const max: Record<string, number> = {};
const bump = (k: string, v: number) => { max[k] = Math.max(max[k] ?? 0, v); };
let errors = 0, runs = 0, skipped = 0;
const examples: Record<string, unknown> = {};
for (const d of designs) {
  const sc = buildDesign(d);
  let base;
  try { base = simulate(sc); } catch { skipped++; continue; }
  const reg = new RegistrySettlement();
  try { simulate(sc, { registry: reg }); runs++; } catch (e) { errors++; if (errors <= 5) console.log('ERROR', (e as Error).message, JSON.stringify(d)); continue; }
  for (const row of reg.firmRows) {
    const e = base.firms.find((f) => f.firm === row.firm && f.period === row.period)!;
    const q: [string, number][] = [['bank', row.bank - e.bank], ['borrowing', row.borrowing - e.borrowing], ['free', row.freeAllocation - e.freeAllocation],
      ['emissions', row.verifiedEmissions - e.emissions], ['credits', row.creditsSurrendered - e.creditsUsed], ['penalty', row.penaltyTonnes - e.penaltyTonnes],
      ['net', row.netPurchase - (e.purchases - e.sales)]];
    for (const [k, v] of q) { if (Math.abs(v) > (max[k] ?? 0)) examples[k] = { v, design: d, row, e }; bump(k, Math.abs(v)); }
    if (row.compliant !== e.compliant) { bump('complianceMismatch', 1); examples.comp = { design: d, row, e }; }
  }
  for (const s of reg.schemeRows) { bump('beyondSlack', s.beyondSlack); bump('adjFree', s.adjustments.freeAllocation); bump('adjAuction', s.adjustments.auctionSold); bump('adjRes', s.adjustments.reserveSold); bump('adjEm', s.adjustments.verifiedEmissions); bump('adjAdv', s.adjustments.advance); bump('adjPen', s.adjustments.penaltyTonnes); bump('lapse', 0); } for (const row of reg.firmRows) { const e = base.firms.find((f) => f.firm === row.firm && f.period === row.period)!; void e; }
}
console.log({ runs, errors, skipped }, max);
if (process.argv[4]) console.log(JSON.stringify(examples[process.argv[4]], null, 1));
