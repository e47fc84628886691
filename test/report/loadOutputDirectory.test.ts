/**
 * Reading batch output for reports and notebooks: the layouts `ets run --runs N` and `ets compare` write, rows that
 * follow the output contract (io/tables.ts), the scenario digest checked against the manifest, and errors that say
 * what to name instead.
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TABLES } from '../../io/tables.js';
import { designDirectories, loadOutputDirectory, OutputDirectoryError } from '../../report/loadOutputDirectory.js';
import { COMPARE_OUTPUT, fixtureComparison, ROOT, temporaryDirectory } from './support/fixtureOutput.js';

const temporary: string[] = [];
afterAll(() => { for (const directory of temporary) rmSync(directory, { recursive: true, force: true }); });
const scratch = (): string => {
  const directory = temporaryDirectory();
  temporary.push(directory);
  return directory;
};

describe('a comparison folder', async () => {
  const data = await fixtureComparison();

  it('gives the designs in the comparison order, the baseline first', () => {
    expect(data.kind).toBe('compare');
    expect(data.designs.map((d) => d.label)).toEqual(['base', 'no-banking', 'tighter']);
    expect(data.notes).toEqual([]);
  });

  it('reads rows whose fields are exactly the columns of the output contract', () => {
    const design = data.designs[0]!;
    const tables = { runs: design.runs, sectors: design.sectors, markets: design.markets, credits: design.credits, firms: design.firms ?? [] };
    for (const [name, rows] of Object.entries(tables)) {
      const columns = TABLES.find((t) => t.name === name)!.columns.map((c) => c.name);
      expect(rows.length, name).toBeGreaterThan(0);
      expect(Object.keys(rows[0]!), name).toEqual(columns);
    }
    // 12 runs × 4 periods × 2 schemes; dictionary columns come back as strings, flags as booleans.
    expect(design.runs).toHaveLength(12);
    expect(design.markets).toHaveLength(96);
    expect(new Set(design.markets.map((m) => m.scheme))).toEqual(new Set(['cap', 'rate']));
    expect(typeof design.firms![0]!.compliant).toBe('boolean');
    expect(design.runs.map((r) => r.run)).toEqual([...Array(12).keys()]);
  });

  it('digests the scenario when the file matches the manifest\'s hash', () => {
    const digest = data.designs[1]!.scenario!;
    expect(digest.name).toBe('Mixed-target test scenario');
    expect(digest.schemes.map((s) => [s.id, s.targetType, s.firmCount, s.bankingMode])).toEqual([['cap', 'absolute', 6, 'none'], ['rate', 'intensity', 3, 'unlimited']]);
    expect(digest.schemes[0]!.credits).toEqual([
      { type: 'jcredit', share: 0.05, tonnes: null, exchangeRate: 1 },
      { type: 'forest', share: null, tonnes: 2, exchangeRate: 1 },
    ]);
  });

  it('reads one design folder of it as a batch', async () => {
    const batch = await loadOutputDirectory(join(COMPARE_OUTPUT, 'tighter'), { scenarioBases: [ROOT] });
    expect(batch.kind).toBe('batch');
    expect(batch.designs.map((d) => d.label)).toEqual(['tighter']);
  });

  it('notes a scenario file that is missing instead of failing', async () => {
    const copy = join(scratch(), 'compare');
    cpSync(COMPARE_OUTPUT, copy, { recursive: true });
    const data = await loadOutputDirectory(join(copy, 'base'), { scenarioBases: [scratch()] });
    expect(data.designs[0]!.scenario).toBeNull();
    expect(data.notes).toEqual(['design base: the scenario file test/report/fixtures/mixed-targets.yaml was not found, so scheme target types and credit limits are not shown']);
  });
});

describe('folders that are not batch output', () => {
  it('says when a folder does not exist or holds no batch', () => {
    const empty = scratch();
    expect(() => designDirectories(join(empty, 'nope'))).toThrow(new OutputDirectoryError(`${join(empty, 'nope')}: not a directory`));
    expect(() => designDirectories(empty)).toThrow(`${empty}: holds no batch output (no manifest.json here or in a sub-folder)`);
  });

  it('asks to name the batch when a folder holds one batch folder and no comparison', () => {
    const parent = scratch();
    cpSync(join(COMPARE_OUTPUT, 'base'), join(parent, 'run1'), { recursive: true });
    expect(() => designDirectories(parent)).toThrow(`${parent}: is not a batch output folder but holds one: name it (${join(parent, 'run1')})`);
  });

  it('refuses batches that were not run on the same futures', async () => {
    const parent = scratch();
    cpSync(join(COMPARE_OUTPUT, 'base'), join(parent, 'a'), { recursive: true });
    cpSync(join(COMPARE_OUTPUT, 'tighter'), join(parent, 'b'), { recursive: true });
    const manifestPath = join(parent, 'b', 'manifest.json');
    const { readFileSync } = await import('node:fs');
    writeFileSync(manifestPath, readFileSync(manifestPath, 'utf8').replaceAll('"seed": 5,', '"seed": 6,'));
    expect(() => designDirectories(parent)).toThrow(`${parent}: holds batches that were not run on the same futures (a (seed 5, 12 runs), b (seed 6, 12 runs)); name one of them, or compare designs with ets compare`);
  });

  it('orders designs without comparison.json with base first, then by name', () => {
    const parent = scratch();
    for (const name of ['tighter', 'base', 'no-banking']) cpSync(join(COMPARE_OUTPUT, name), join(parent, name), { recursive: true });
    mkdirSync(join(parent, 'not-a-batch'));
    expect(designDirectories(parent).directories.map((d) => d.slice(parent.length + 1))).toEqual(['base', 'no-banking', 'tighter']);
  });
});
