import { simulate } from '../model/engine/simulate.js';
import { RegistrySettlement } from '../model/engine/registrySettlement.js';
import { buildDesign } from '../test/support/randomDesign.js';
const d = JSON.parse(process.argv[2]!);
const firm = process.argv[3]!;
const sc = buildDesign(d);
const base = simulate(sc);
const reg = new RegistrySettlement();
simulate(sc, { registry: reg });
console.log(JSON.stringify(reg.schemeRows.map(s=>[s.period,s.adjustments,s.beyondSlack,s.auctionOffered,s.auctionSold,s.reserveSold])), JSON.stringify(base.schemes.map(s=>[s.period,s.auctionOffered,s.auctionSold,s.reserveSold,s.forfeited])));
for (const e of base.firms.filter(f => f.firm === firm)) {
  const r = reg.firmRows.find(x => x.firm === firm && x.period === e.period)!;
  console.log(e.period, 'engine', { em: e.emissions.toFixed(3), free: e.freeAllocation.toFixed(3), buy: e.purchases.toFixed(3), sell: e.sales.toFixed(3), bank: e.bank.toFixed(3), bor: e.borrowing.toFixed(3), pen: e.penaltyTonnes.toFixed(3) });
  console.log(e.period, 'reg   ', { em: r.verifiedEmissions, free: r.freeAllocation, net: r.netPurchase, adv: r.advance, h: r.holdings, debt: r.debt, rep: r.repaid, lap: r.lapsed, pen: r.penaltyTonnes, int: r.interest });
}
