/** Which output the notebooks show, and what is staged for them under data/. */
import { cpSync, mkdirSync, rmSync, utimesSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseOutputDirectory, latestOutput, stageOutputData } from '../../notebooks/tools/notebookData.js';
import { COMPARE_OUTPUT, ROOT, temporaryDirectory } from '../report/support/fixtureOutput.js';

const root = temporaryDirectory('ets-notebook-data-');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('choosing the output folder', () => {
  const output = join(root, 'output');
  mkdirSync(output);
  cpSync(COMPARE_OUTPUT, join(output, 'older-compare'), { recursive: true });
  cpSync(join(COMPARE_OUTPUT, 'base'), join(output, 'newer-batch'), { recursive: true });
  mkdirSync(join(output, 'not-output'));
  const old = new Date('2024-01-01T00:00:00Z');
  for (const name of ['base', 'no-banking', 'tighter']) utimesSync(join(output, 'older-compare', name, 'manifest.json'), old, old);

  it('defaults to the most recent batch or comparison under output/', () => {
    expect(latestOutput(output)).toBe(join(output, 'newer-batch'));
    expect(chooseOutputDirectory(undefined, output, {})).toBe(resolve(output, 'newer-batch'));
    expect(latestOutput(join(root, 'nowhere'))).toBeNull();
  });

  it('takes --data first, then ETS_OUTPUT', () => {
    expect(chooseOutputDirectory('x/y', output, { ETS_OUTPUT: 'a/b' })).toBe(resolve('x/y'));
    expect(chooseOutputDirectory(undefined, output, { ETS_OUTPUT: 'a/b' })).toBe(resolve('a/b'));
    expect(chooseOutputDirectory(undefined, output, { ETS_OUTPUT: '' })).toBe(resolve(output, 'newer-batch'));
  });

  it('says how to make output when there is none', () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    expect(() => chooseOutputDirectory(undefined, empty, {})).toThrow(`no batch output under ${empty}: write some first (ets run SCENARIO --runs 200 --out output/NAME, or ets compare), or name a folder with --data DIR or ETS_OUTPUT=DIR`);
  });
});

describe('staging', () => {
  it('lists each design with its manifest, summary, scenario digest and tables', async () => {
    const staged = await stageOutputData(COMPARE_OUTPUT, ROOT);
    const { index } = staged;
    expect(index.format).toBe('ets-notebook-data/1');
    expect(index.source).toBe('test/report/fixtures/output/compare');
    expect(index.kind).toBe('compare');
    expect(index.designs.map((d) => d.label)).toEqual(['base', 'no-banking', 'tighter']);
    expect(index.designs[0]!.tables).toEqual({
      runs: 'data/base/runs.arrow', sectors: 'data/base/sectors.arrow', markets: 'data/base/markets.arrow',
      credits: 'data/base/credits.arrow', firms: 'data/base/firms.arrow',
    });
    expect(index.designs[2]!.scenario?.schemes.map((s) => s.targetType)).toEqual(['absolute', 'intensity']);
    expect(index.designs[0]!.summary?.runs).toBe(12);
    expect((index.comparison as { format: string }).format).toBe('ets-comparison/1');
    expect(staged.files.get('data/tighter/firms.arrow')).toBe(join(COMPARE_OUTPUT, 'tighter', 'firms.arrow'));
    expect(staged.files.size).toBe(15);
  });
});
