/**
 * Real batch output for the report and notebook tests, made by the batch library (`runBatch`, in-process) from the
 * fixture scenario test/report/fixtures/mixed-targets.yaml and its design overlays: no hand-made numbers. The
 * layout is the one `ets run --runs N --out DIR` writes (one design: the tables, summary.json and manifest.json in
 * DIR) and `ets compare` writes (one such directory per design label under DIR).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenarioFile } from '../../../cli/loadScenarioFile.js';
import { sha256Text } from '../../../io/sha256.js';
import type { Detail } from '../../../io/tables.js';
import { runBatch, type BatchDesign } from '../../../workers/runBatch.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const FIXTURES = join(ROOT, 'test', 'report', 'fixtures');
export const SCENARIO_FILE = join(FIXTURES, 'mixed-targets.yaml');
export const DESIGN_FILES = {
  'no-banking': join(FIXTURES, 'designs', 'no-banking.yaml'),
  tighter: join(FIXTURES, 'designs', 'tighter.yaml'),
} as const;

const fileHash = (file: string): string => sha256Text(readFileSync(file, 'utf8'));

/** A design as the CLI builds it: the scenario file (relative to the repository) with overlays applied in order. */
export async function fixtureDesign(label: string, overlays: readonly string[] = [], scenarioFile = SCENARIO_FILE): Promise<BatchDesign> {
  const scenario = await loadScenarioFile(scenarioFile, { designs: overlays });
  return {
    label,
    scenario,
    source: { file: relative(ROOT, scenarioFile), fileSha256: fileHash(scenarioFile) },
    overlays: overlays.map((file) => ({ file: relative(ROOT, file), sha256: fileHash(file) })),
  };
}

export interface FixtureBatchOptions {
  runs?: number;
  seed?: number;
  details?: readonly Detail[];
  scenarioFile?: string;
}

/** One design's batch in `directory` (as `ets run --runs N --out directory`). */
export async function writeBatchFixture(directory: string, options: FixtureBatchOptions = {}): Promise<void> {
  await runBatch({
    designs: [await fixtureDesign('base', [], options.scenarioFile)],
    seed: options.seed ?? 7,
    runs: options.runs ?? 40,
    details: options.details ?? ['firms'],
    out: directory,
  });
}

/** Three designs run with one seed (paired runs) into `directory`/<label> (as `ets compare`). */
export async function writeCompareFixture(directory: string, options: FixtureBatchOptions = {}): Promise<void> {
  const scenarioFile = options.scenarioFile;
  await runBatch({
    designs: [
      await fixtureDesign('base', [], scenarioFile),
      await fixtureDesign('no-banking', [DESIGN_FILES['no-banking']], scenarioFile),
      await fixtureDesign('tighter', [DESIGN_FILES.tighter], scenarioFile),
    ],
    seed: options.seed ?? 7,
    runs: options.runs ?? 40,
    details: options.details ?? ['firms'],
    out: directory,
  });
}
