/**
 * Micro-benchmark of the registry layer (not a test): issue + allocate + transfer + surrender for 10,000 operator
 * accounts over a few yearly periods, with every check and the log on. Prints operations per second per phase.
 *
 *   npx tsx test/registry/bench/registry.ts [accounts=10000] [periods=3]
 *
 * (Kept under test/registry because this task may only write there; the lead may move it to bench/registry.ts.)
 */
import { performance } from 'node:perf_hooks';
import { allocateFree, issueCap, openFirmAccounts, reportEmissionsBatch, settleTrades, surrenderAllowances, surrenderForCompliance, type TradeLeg } from '../../../model/registry/api.js';
import { apportion } from '../../../model/registry/apportion.js';
import { instant } from '../../../model/registry/instant.js';
import { japanRegistryConfig } from '../../../model/registry/japanRules.js';
import { createRegistrySystem } from '../../../model/registry/system.js';
import { submit } from '../../../model/registry/transact.js';
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

/** Wall time and CPU time (user + system) per phase: CPU time is robust to other processes on a shared machine. */
const timings: Record<string, { ops: number; ms: number; cpuMs: number }> = {};
function time<T>(phase: string, ops: number, run: () => T): T {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const result = run();
  const cpu = process.cpuUsage(c0);
  const ms = performance.now() - t0;
  const entry = timings[phase] ?? { ops: 0, ms: 0, cpuMs: 0 };
  entry.ops += ops; entry.ms += ms; entry.cpuMs += (cpu.user + cpu.system) / 1000;
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
  time('allocate (aggregated)', accounts, () => {
    const r = allocateFree(system, { scheme: 'GX', vintage: year, at, legs: firms.map((account, i) => ({ account, quantity: shares[i]! })) });
    if (!r.ok) throw new Error(JSON.stringify(r));
  });
  // Net positions: even firms sell to the next odd firm (each firm only sells or only buys).
  const trades: TradeLeg[] = [];
  for (let i = 0; i + 1 < accounts; i += 2) trades.push({ from: firms[i]!, to: firms[(i + 1 + 2 * (p % 7)) % accounts]!, quantity: 1 + Math.floor(next() * 1000) });
  time('transfer (aggregated)', trades.length, () => {
    const r = settleTrades(system, { registry: 'GX', at, unit: { unitType: 'ALLOWANCE', scheme: 'GX' }, trades });
    if (r === null || !r.ok) throw new Error(JSON.stringify(r));
  });
  const oneByOne = trades.slice(0, 2000).map((t) => ({ ...t, from: t.to, to: t.from, quantity: 1 }));
  time('transfer (single)', oneByOne.length, () => {
    for (const t of oneByOne) {
      const r = submit(system, { type: 'TRANSFER_INTERNAL', at, from: { registry: 'GX', account: t.from }, to: { registry: 'GX', account: t.to }, quantity: t.quantity, unit: { unitType: 'ALLOWANCE', scheme: 'GX' } });
      if (!r.ok) throw new Error(r.message);
    }
  });
  reportEmissionsBatch(system, firms.map((entity, i) => ({ entity, scheme: 'GX', period: `FY${year}`, verifiedEmissions: Math.floor(shares[i]! * 0.9) })));
  const due = firms.map((account, i) => ({ account, quantity: Math.floor(shares[i]! * 0.9) - 2000 }));
  time('surrender (aggregated)', accounts / 2, () => {
    const r = surrenderAllowances(system, { scheme: 'GX', period: `FY${year}`, at, legs: due.slice(0, accounts / 2) });
    if (r === null || !r.ok) throw new Error(JSON.stringify(r));
  });
  time('surrender (single)', accounts / 2, () => {
    for (const { account, quantity } of due.slice(accounts / 2)) {
      const r = surrenderForCompliance(system, { account: { registry: 'GX', account }, scheme: 'GX', period: `FY${year}`, at, allowances: quantity });
      if (!r.ok) throw new Error(r.rejected[0]!.message);
    }
  });
}
const totalMs = performance.now() - t0;
collect?.();
const heapAfter = process.memoryUsage().heapUsed;

console.log(`registry benchmark: ${accounts} accounts × ${periods} periods, ${perFirm} t per firm per period (Node ${process.version})`);
let totalOps = 0, totalCpu = 0;
const rate = (ops: number, ms: number): string => Math.round(ops / (ms / 1000)).toLocaleString('en-US').padStart(10);
console.log(`  ${'phase'.padEnd(24)} ${'ops'.padStart(8)}  ${'wall ms'.padStart(8)} ${'ops/s'.padStart(10)}  ${'CPU ms'.padStart(8)} ${'ops/CPU-s'.padStart(10)}`);
for (const [phase, { ops, ms, cpuMs }] of Object.entries(timings)) {
  totalOps += ops; totalCpu += cpuMs;
  console.log(`  ${phase.padEnd(24)} ${String(ops).padStart(8)}  ${ms.toFixed(1).padStart(8)} ${rate(ops, ms)}  ${cpuMs.toFixed(1).padStart(8)} ${rate(ops, cpuMs)}`);
}
console.log(`  ${'all (incl. setup)'.padEnd(24)} ${String(totalOps).padStart(8)}  ${totalMs.toFixed(1).padStart(8)} ${rate(totalOps, totalMs)}  ${totalCpu.toFixed(1).padStart(8)} ${rate(totalOps, totalCpu)}`);
console.log(`  log entries ${system.log.size}, unit classes ${system.classes.length}, ${collect === undefined ? 'heap growth (run node with --expose-gc for retained size)' : 'retained heap'} ${((heapAfter - heapBefore) / 2 ** 20).toFixed(1)} MiB`);
if (process.env.NO_REPLAY) process.exit(0);
const r0 = performance.now();
const replayed = replay(system.log);
const replayMs = performance.now() - r0;
const same = JSON.stringify(replayed) === JSON.stringify(ledgerView(system));
console.log(`  replay of the log: ${replayMs.toFixed(0)} ms; ${same ? 'equals' : 'DIFFERS FROM'} the registry state (${replayed.length} segments)`);
