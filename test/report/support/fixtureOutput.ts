/**
 * The committed fixture output (test/report/fixtures/output/compare, written by `ets compare`; see the README there)
 * and fresh batch output made by the batch library for tests that need a scenario of their own.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenarioFile } from '../../../cli/loadScenarioFile.js';
import { sha256Text } from '../../../io/sha256.js';
import { loadOutputDirectory } from '../../../report/loadOutputDirectory.js';
import type { OutputData } from '../../../report/outputData.js';
import { runBatch } from '../../../workers/runBatch.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const FIXTURES = join(ROOT, 'test', 'report', 'fixtures');
export const SCENARIO_FILE = join(FIXTURES, 'mixed-targets.yaml');
export const COMPARE_OUTPUT = join(FIXTURES, 'output', 'compare');

let cached: Promise<OutputData> | null = null;

/** The committed comparison, loaded once per test file (scenario files looked up from the repository root). */
export function fixtureComparison(): Promise<OutputData> {
  cached ??= loadOutputDirectory(COMPARE_OUTPUT, { scenarioBases: [ROOT] });
  return cached;
}

export function temporaryDirectory(prefix = 'ets-report-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The fixture scenario with a hostile name, description and scheme name, written to `directory`. */
export function writeHostileScenario(directory: string, name: string): string {
  const text = readFileSync(SCENARIO_FILE, 'utf8')
    .replace(/^name: .*$/m, `name: ${JSON.stringify(name)}`)
    .replace(/^description: .*$/m, `description: ${JSON.stringify(`${name} — description`)}`)
    .replace('    name: Absolute cap', `    name: ${JSON.stringify(`${name} scheme`)}`);
  const file = join(directory, 'hostile.yaml');
  writeFileSync(file, text);
  return file;
}

/** A fresh batch of `scenarioFile` in `out` (as `ets run FILE --runs N --detail firms --out out`), by the batch library. */
export async function writeBatch(scenarioFile: string, out: string, runs = 4, seed = 1): Promise<void> {
  const scenario = await loadScenarioFile(scenarioFile);
  await runBatch({
    designs: [{ label: 'base', scenario, source: { file: scenarioFile, fileSha256: sha256Text(readFileSync(scenarioFile)) } }],
    seed, runs, details: ['firms'], out,
  });
}
