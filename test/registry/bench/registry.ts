/**
 * Micro-benchmark of the registry layer (not a test): issue + allocate + transfer + surrender for 10,000 operator
 * accounts over a few yearly periods, with every check and the log on. Prints operations per second per phase.
 *
 *   npx tsx test/registry/bench/registry.ts [accounts=10000] [periods=3]
 *
 * (Kept under test/registry because this task may only write there; the lead may move it to bench/registry.ts.)
 */
import { performance } from 'node:perf_hooks';
import { allocateFree, issueCap, openFirmAccounts, reportEmissionsBatch, settleTrades, surrenderForCompliance, type TradeLeg } from '../../../model/registry/api.js';
import { apportion } from '../../../model/registry/apportion.js';
import { instant } from '../../../model/registry/instant.js';
import { japanRegistryConfig } from '../../../model/registry/japanRules.js';
import { createRegistrySystem } from '../../../model/registry/system.js';
import { replay, ledgerView } from '../../../model/registry/replay.js';

const accounts = Number(process.argv[2] ?? 10_000);
const periods = Number(process.argv[3] ?? 3);
const perFirm = 10_000; // t of allowances per firm per period

/** Deterministic LCG (no Math.random in this project). */
let state = 12345;
const next = (): number => { state = (Math.imul(state, 1664525) + 1013904223) >>> 0; return state / 2 ** 32; };

const system = createRegistrySystem(japanRegistryConfig({ gx: { firstYear: 2026, lastYear: 2026 + periods } }));
const firms = Array.from({ length: accounts }, (_, i) => `F${i}`);
openFirmAccounts(system, 'GX', firms);
const weights = firms.map(() => 0.5 + next());

const timings: Record<string, { ops: number; ms: number }> = {};
function time<T>(phase: string, ops: number, run: () => T): T {
  const t0 = performance.now();
  const result = run();
  const ms = performance.now() - t0;
  const entry = timings[phase] ?? { ops: 0, ms: 0 };
  entry.ops += ops; entry.ms += ms;
  timings[phase] = entry;
  return result;
}

const collect = (globalThis as { gc?: () => void }).gc;
collect?.();
const heapBefore = process.memoryUsage().heapUsed;
const t0 = performance.now();
for (let p = 0; p < periods; p++) {
  const year = 2026 + p;
  const at = instant(`${year}-06-01`);
  const cap = accounts * perFirm;
  time('issue', 1, () => { const r = issueCap(system, { scheme: 'GX', vintage: year, quantity: cap, at }); if (!r.ok) throw new Error(r.message); });
  const shares = apportion(cap, weights);
  time('allocate', accounts, () => {
    const r = allocateFree(system, { scheme: 'GX', vintage: year, at, legs: firms.map((account, i) => ({ account, quantity: shares[i]! })) });
    if (!r.ok) throw new Error(r.rejected[0]!.message);
  });
  const trades: TradeLeg[] = firms.map((from, i) => ({ from, to: firms[(i + 1 + ((i * 7919 + p) % (accounts - 1))) % accounts]!, quantity: 1 + Math.floor(next() * 1000), unit: { unitType: 'ALLOWANCE', scheme: 'GX' } }));
  time('transfer', accounts, () => {
    const r = settleTrades(system, { registry: 'GX', at, trades });
    if (!r.ok) throw new Error(r.rejected[0]!.message);
  });
  reportEmissionsBatch(system, firms.map((entity, i) => ({ entity, scheme: 'GX', period: `FY${year}`, verifiedEmissions: Math.floor(shares[i]! * 0.9) })));
  time('surrender', accounts, () => {
    for (const [i, firm] of firms.entries()) {
      const r = surrenderForCompliance(system, { account: { registry: 'GX', account: firm }, scheme: 'GX', period: `FY${year}`, at, allowances: Math.floor(shares[i]! * 0.9) - 2000 });
      if (!r.ok) throw new Error(r.rejected[0]!.message);
    }
  });
}
const totalMs = performance.now() - t0;
collect?.();
const heapAfter = process.memoryUsage().heapUsed;

console.log(`registry benchmark: ${accounts} accounts × ${periods} periods, ${perFirm} t per firm per period (Node ${process.version})`);
let totalOps = 0;
for (const [phase, { ops, ms }] of Object.entries(timings)) {
  totalOps += ops;
  console.log(`  ${phase.padEnd(10)} ${String(ops).padStart(8)} ops  ${ms.toFixed(1).padStart(8)} ms  ${Math.round(ops / (ms / 1000)).toLocaleString('en-US').padStart(12)} ops/s`);
}
console.log(`  ${'all'.padEnd(10)} ${String(totalOps).padStart(8)} ops  ${totalMs.toFixed(1).padStart(8)} ms  ${Math.round(totalOps / (totalMs / 1000)).toLocaleString('en-US').padStart(12)} ops/s`);
console.log(`  log entries ${system.log.size}, unit classes ${system.classes.length}, ${collect === undefined ? 'heap growth (run node with --expose-gc for retained size)' : 'retained heap'} ${((heapAfter - heapBefore) / 2 ** 20).toFixed(1)} MiB`);
if (process.env.NO_REPLAY) process.exit(0);
const r0 = performance.now();
const same = JSON.stringify(replay(system.log)) === JSON.stringify(ledgerView(system));
console.log(`  replay of the log ${same ? 'equals' : 'DIFFERS FROM'} the registry state (${(performance.now() - r0).toFixed(0)} ms)`);
