import { wholeTonneSettlement } from '../model/engine/wholeTonneSettlement.js';
import { parseRatio } from '../model/registry/rules.js';
const n = 20;
const flows = Array.from({ length: n }, (_, i) => ({ freeAllocation: 1e6 * (i + 0.37), emissions: 1.1e6 * (i + 0.53), credits: [1e5 * (i + 0.3)], penaltyTonnes: 0, compliant: true,
  borrowed: 0, settledByPenalty: 0, repaid: 0, lapsed: 0, interest: 0, afterSurrender: 1234.567 * i, endBalance: 1234.567 * i, startDebt: 0, endDebt: 0 }));
const start = flows.map((f) => ({ holdings: 0, debt: 0, owed: 0 }));
const limits = [{ share: parseRatio(0.1, 'x'), tonnes: Infinity }];
let sum = 0;
for (const f of flows) { sum += f.freeAllocation - (f.emissions - f.credits[0]!) - f.afterSurrender; }
const gov = { auctionOffered: -sum, auctionSold: -sum, reserveSold: 0, reserveLimit: Infinity };
const m = 20000;
const c0 = process.cpuUsage(); const t0 = performance.now();
for (let i = 0; i < m; i++) wholeTonneSettlement(flows, start, gov, limits);
console.log("wall µs", ((performance.now() - t0) / m * 1000).toFixed(1), "cpu µs", (process.cpuUsage(c0).user / m).toFixed(1));
