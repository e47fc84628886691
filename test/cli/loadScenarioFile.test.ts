// Reading scenario and overlay files: every failure is a ScenarioError naming the file.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadScenarioFile, readDataFile } from '../../cli/loadScenarioFile.js';
import { ScenarioError } from '../../model/scenario/scenarioError.js';
import { minimalScenario } from '../scenario/fixtures.js';

const directory = mkdtempSync(join(tmpdir(), 'ets-load-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = join(directory, name);
  writeFileSync(file, content);
  return file;
}

async function loadError(file: string, options = {}): Promise<ScenarioError> {
  try {
    await loadScenarioFile(file, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return error as ScenarioError;
  }
  throw new Error('expected a ScenarioError');
}

describe('loadScenarioFile', () => {
  it('loads YAML and JSON scenarios', async () => {
    expect((await loadScenarioFile(write('ok.yaml', stringify(minimalScenario())))).name).toBe('minimal');
    expect((await loadScenarioFile(write('ok.json', JSON.stringify(minimalScenario())))).name).toBe('minimal');
    expect((await loadScenarioFile(write('OK.YML', stringify(minimalScenario())))).name).toBe('minimal');
  });

  it('gives scenario problems with line and column in the file', async () => {
    const scenario = minimalScenario();
    scenario.discountRate = -0.5;
    const file = write('bad.yaml', stringify(scenario));
    const error = await loadError(file);
    expect(error.issues).toEqual([{ file, path: 'discountRate', rule: 'must be ≥ 0', line: 5, column: 1 }]);
    expect(error.message).toBe(`${file}:5:1: discountRate: must be ≥ 0`);
  });

  it('reports a missing file, a directory, an unsupported extension, a file over the size limit, and non-UTF-8 text', async () => {
    const missing = join(directory, 'missing.yaml');
    expect((await loadError(missing)).issues).toEqual([{ file: missing, path: '', rule: 'file not found' }]);
    const folder = join(directory, 'folder.yaml');
    mkdirSync(folder);
    expect((await loadError(folder)).issues[0]!.rule).toBe('is a directory, not a file');
    const text = write('scenario.txt', 'name: x');
    expect((await loadError(text)).issues[0]!.rule).toBe('unsupported file type ".txt": use .yaml, .yml or .json');
    const large = write('large.yaml', `name: "${'x'.repeat(3000)}"`);
    expect((await loadError(large, { maxBytes: 2048 })).issues[0]!.rule).toBe('is too large (3 KiB; the limit is 2 KiB)');
    const latin1 = write('latin1.yaml', Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a]));
    expect((await loadError(latin1)).issues[0]!.rule).toBe('is not UTF-8 text');
  });

  it('reports a bad overlay file by its own name', async () => {
    const base = write('base.yaml', stringify(minimalScenario()));
    const overlay = write('overlay.yaml', 'schemes:\n  - id: main\n    banking: {mode: [}\n');
    const error = await loadError(base, { designs: [overlay] });
    expect(error.issues[0]).toMatchObject({ file: overlay, line: 3 });
  });

  it('readDataFile returns the data with a locator', async () => {
    const source = await readDataFile(write('data.yaml', 'a:\n  b: 1\n'));
    expect(source.data).toEqual({ a: { b: 1 } });
    expect(source.locate?.(['a', 'b'])).toEqual({ line: 2, column: 3 });
  });
});
