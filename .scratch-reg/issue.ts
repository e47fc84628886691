import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { scenarioSchema } from '../model/scenario/schema.js';
import { resolveScenario } from '../model/engine/resolveScenario.js';
import { registrySystemConfig } from '../model/engine/registrySystemConfig.js';
import { createRegistrySystem } from '../model/registry/system.js';
import { issueCap, allocateFree, reportEmissionsBatch } from '../model/registry/api.js';
import { submitAggregate } from '../model/registry/aggregate.js';
const sc = scenarioSchema.parse(YAML.parse(readFileSync('scenarios/default.yaml', 'utf8')));
const resolved = resolveScenario(sc);
const config = registrySystemConfig(resolved);
const firms = resolved.schemes[0]!.firms.map((f) => resolved.firms[f]!.id);
const T: Record<string, number> = {};
const time = (k: string, f: () => unknown) => { const c = process.cpuUsage(); const r = f(); T[k] = (T[k] ?? 0) + process.cpuUsage(c).user; return r; };
const m = 2000;
for (let rep = 0; rep < 2; rep++) {
  for (const k of Object.keys(T)) delete T[k];
  for (let i = 0; i < m; i++) {
    const system = time('create', () => createRegistrySystem(config));
    for (let y = 2026; y < 2031; y++) {
      const at = Date.UTC(y, 5, 30);
      time('issue', () => issueCap(system, { scheme: 'gx', vintage: y, quantity: 20_000_000, at }));
      time('allocate(20 legs)', () => allocateFree(system, { scheme: 'gx', vintage: y, at, legs: firms.map((account) => ({ account, quantity: 1_000_000 })) }));
      time('report(20)', () => reportEmissionsBatch(system, firms.map((entity) => ({ entity, scheme: 'gx', period: String(y), verifiedEmissions: 900_000, obligation: 900_000 }))));
      time('surrender(20 legs)', () => { const r = submitAggregate(system, { type: 'SURRENDER', registry: 'gx', at, unit: { unitType: 'ALLOWANCE', scheme: 'gx', maxVintage: y }, compliance: { scheme: 'gx', period: String(y) }, legs: firms.map((f) => ({ from: f, to: 'gx/SURRENDER', quantity: 900_000 })) }); if (!r.ok) throw new Error(r.message); });
    }
  }
}
for (const [k, v] of Object.entries(T)) console.log(k.padEnd(20), (v / m).toFixed(1), 'µs per run (5 periods)');
