import { simulate } from '../model/engine/simulate.js';
import { RegistrySettlement } from '../model/engine/registrySettlement.js';
import * as W from '../model/engine/wholeTonneSettlement.js';
import { buildDesign } from '../test/support/randomDesign.js';
const d = JSON.parse(process.argv[2]!);
const sc = buildDesign(d);
const base = simulate(sc);
console.log(JSON.stringify(base.schemes.map(s => ({ p: s.period, price: s.price, supply: s.supply, em: s.emissions, off: s.auctionOffered, sold: s.auctionSold, res: s.reserveSold, bank: s.bank, bor: s.borrowing, forf: s.forfeited, pen: s.penaltyTonnes })), null, 0));
console.log(JSON.stringify(base.firms.map(f => ({ f: f.firm, p: f.period, em: f.emissions, free: f.freeAllocation, buy: f.purchases, sell: f.sales, cr: f.creditsUsed, bank: f.bank, bor: f.borrowing, pen: f.penaltyTonnes, ok: f.compliant }))));
const reg = new RegistrySettlement();
try { simulate(sc, { registry: reg }); } catch (e) { console.log((e as Error).message); console.log((e as any).cause?.stack?.split('\n').slice(0,3).join('\n')); }
console.log(JSON.stringify(reg.firmRows.map(r => ({ f: r.firm, p: r.period, h: r.holdings, debt: r.debt, em: r.verifiedEmissions, net: r.netPurchase, A: r.allowancesSurrendered, adv: r.advance, rep: r.repaid, lap: r.lapsed }))));
