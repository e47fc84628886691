/**
 * How much the opt-in registry settlement costs on the default scenario (not a test): CPU time per run without and
 * with `RegistrySettlement`, the registry's share of a run with it, and where that time goes (a CPU profile of the
 * registry runs, self time by part: the registry layer, the settlement adapter, the engine, garbage collection),
 * with the registry layer's hottest functions.
 *
 *   npx tsx bench/registryShare.ts [runs=400] [rounds=5]
 *   node dist/bench/registryShare.js [runs] [rounds]     (after npm run build)
 *
 * CPU time (process.cpuUsage) rather than wall time, in alternating blocks of runs, so that other processes on a
 * shared machine disturb the comparison less. The aim (issue): the registry under a third of a run's time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { scenarioSchema } from '../model/scenario/schema.js';
import { simulate } from '../model/engine/simulate.js';
import { RegistrySettlement } from '../model/engine/registrySettlement.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = existsSync(join(HERE, '..', 'package.json')) ? join(HERE, '..') : join(HERE, '..', '..');
const runs = Number(process.argv[2] ?? 400);
const rounds = Number(process.argv[3] ?? 5);
const scenario = scenarioSchema.parse(YAML.parse(readFileSync(join(ROOT, 'scenarios', 'default.yaml'), 'utf8')));

const cpuMs = (since: NodeJS.CpuUsage): number => { const used = process.cpuUsage(since); return (used.user + used.system) / 1000; };
function block(registry: boolean): number {
  const start = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    if (registry) simulate(scenario, { registry: new RegistrySettlement() });
    else simulate(scenario);
  }
  return cpuMs(start) / runs;
}
const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]!; };

block(false); block(true); // warm-up
const plain: number[] = [];
const withRegistry: number[] = [];
for (let r = 0; r < rounds; r++) { plain.push(block(false)); withRegistry.push(block(true)); }
const base = median(plain);
const full = median(withRegistry);

// Where the time of a registry run goes: a CPU profile of the same runs, self time by source file.
interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }
const session = new Session();
session.connect();
const post = (method: string, params: object = {}): Promise<unknown> => new Promise((resolve, reject) => {
  session.post(method, params, (error, result) => (error === null ? resolve(result) : reject(error)));
});
await post('Profiler.enable');
await post('Profiler.setSamplingInterval', { interval: 100 });
await post('Profiler.start');
block(true);
const { profile } = await post('Profiler.stop') as { profile: Profile };
session.disconnect();

const ADAPTER = /\/model\/engine\/(registrySettlement|wholeTonneSettlement|largestRemainder|recordingLedger|registrySystemConfig|transactionLogFile)\./;
const nodeOf = new Map(profile.nodes.map((n) => [n.id, n]));
const parts = { registry: 0, adapter: 0, engine: 0, gc: 0, other: 0 };
const hot = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, k) => {
  const dt = profile.timeDeltas[k] ?? 0;
  const frame = nodeOf.get(id)!.callFrame;
  total += dt;
  if (frame.url.includes('/model/registry/')) {
    parts.registry += dt;
    const name = `${frame.functionName || '(anonymous)'} (${frame.url.slice(frame.url.lastIndexOf('/model/') + 1)}:${frame.lineNumber + 1})`;
    hot.set(name, (hot.get(name) ?? 0) + dt);
  } else if (ADAPTER.test(frame.url)) parts.adapter += dt;
  else if (frame.url.includes('/model/')) parts.engine += dt;
  else if (frame.functionName === '(garbage collector)') parts.gc += dt;
  else parts.other += dt;
});
const percent = (x: number): string => `${((100 * x) / total).toFixed(1).padStart(5)} %`;

const out = process.stdout;
out.write(`Registry share, default scenario (${scenario.name}), Node ${process.version}\n`);
out.write(`  ${rounds} rounds × ${runs} runs each way, CPU time per run (median of rounds)\n`);
out.write(`  without registry  ${base.toFixed(3)} ms/run   (rounds: ${plain.map((x) => x.toFixed(2)).join(', ')})\n`);
out.write(`  with registry     ${full.toFixed(3)} ms/run   (rounds: ${withRegistry.map((x) => x.toFixed(2)).join(', ')})\n`);
out.write(`  registry share    ${(100 * (full - base) / full).toFixed(1)} % of a run with it (aim: < 33.3 %); ${(full / base).toFixed(2)} × the run without\n`);
out.write(`\nCPU profile of ${runs} registry runs, self time:\n`);
out.write(`  registry layer (model/registry)      ${percent(parts.registry)}\n`);
out.write(`  settlement adapter (rounding, calls) ${percent(parts.adapter)}\n`);
out.write(`  engine (markets, settlement, rest)   ${percent(parts.engine)}\n`);
out.write(`  garbage collection                   ${percent(parts.gc)}\n`);
out.write(`  other (runtime, this script)         ${percent(parts.other)}\n`);
out.write('\nHottest registry-layer functions (self time):\n');
for (const [name, dt] of [...hot].sort((a, b) => b[1] - a[1]).slice(0, 12)) out.write(`  ${percent(dt)}  ${name}\n`);
