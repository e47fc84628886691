import { readFileSync, readdirSync } from 'node:fs';
const dir = process.argv[2];
const files = readdirSync(dir).map((f) => dir + '/' + f);
const file = files.map(f => [f, readFileSync(f).length]).sort((a,b)=>b[1]-a[1])[0][0];
const p = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`;
const incl = new Map(); let total = 0;
p.samples.forEach((id, k) => {
  const dt = p.timeDeltas[k] ?? 0; total += dt;
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) { const nm = name(byId.get(cur)); if (seen.has(nm)) continue; seen.add(nm); incl.set(nm, (incl.get(nm) ?? 0) + dt); }
});
const filter = process.argv[3] ? new RegExp(process.argv[3]) : /./;
for (const [k, v] of [...incl].filter(([k]) => filter.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log((100 * v / total).toFixed(1).padStart(6), k);
