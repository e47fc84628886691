import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { scenarioSchema } from '../model/scenario/schema.js';
import { simulate } from '../model/engine/simulate.js';
import { RegistrySettlement } from '../model/engine/registrySettlement.js';
const sc = scenarioSchema.parse(YAML.parse(readFileSync('scenarios/default.yaml', 'utf8')));
const reg = new RegistrySettlement({ log: true });
const r = simulate(sc, { registry: reg });
const r0 = simulate(sc);
console.log('same', JSON.stringify(r) === JSON.stringify(r0));
let maxDiff = 0;
for (const row of reg.firmRows) {
  const e = r.firms.find((f) => f.firm === row.firm && f.period === row.period)!;
  const d = Math.abs(row.bank - e.bank); maxDiff = Math.max(maxDiff, d);
  if (row.compliant !== e.compliant) console.log('compliance mismatch', row.firm, row.period);
}
console.log('max bank diff', maxDiff);
console.log(reg.schemeRows);
console.log(reg.unitTotals());
for (let i = 0; i < 30; i++) simulate(sc, { registry: new RegistrySettlement() });
const n = 200;
let t0 = performance.now();
for (let i = 0; i < n; i++) simulate(sc, { registry: new RegistrySettlement() });
const withReg = (performance.now() - t0) / n;
t0 = performance.now();
for (let i = 0; i < n; i++) simulate(sc);
const without = (performance.now() - t0) / n;
console.log({ withReg, without, share: (withReg - without) / withReg });
