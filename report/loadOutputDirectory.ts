/**
 * Reads batch output for the report: a directory written by `ets run --runs N --out DIR` (one design: the Arrow
 * tables, summary.json, manifest.json) or by `ets compare` (one such directory per design). Designs of a comparison
 * come in the comparison's order: the baseline `base` first, then the designs in the order of the rows of
 * `comparison.json` (written by `ets compare --out`), then any others by name.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BatchSummary } from '../io/batchSummary.js';
import { MANIFEST_FILE, SUMMARY_FILE } from '../io/batchOutput.js';
import { readManifest } from '../io/manifest.js';
import { readRecordBatches } from '../io/readArrowFile.js';
import { tableDefinition, type TableName } from '../io/tables.js';
import { rowsFromBatches } from './arrowRows.js';
import { defaultBases, loadScenarioDigest } from './loadScenarioDigest.js';
import type { DesignOutput, OutputData } from './outputData.js';

export class OutputDirectoryError extends Error {
  override readonly name = 'OutputDirectoryError';
}

export interface LoadOutputOptions {
  /** Where to look for the scenario files named in the manifests (default: `defaultBases(directory)`). */
  scenarioBases?: readonly string[];
}

/** The file `ets compare --out DIR` writes at the top of DIR. */
export const COMPARISON_FILE = 'comparison.json';

const isBatchDirectory = (directory: string): boolean => existsSync(join(directory, MANIFEST_FILE));

/** Design labels in the order of comparison.json's rows (empty when there is no readable file). */
function comparisonOrder(path: string): string[] {
  if (!existsSync(path)) return [];
  try {
    const rows = (JSON.parse(readFileSync(path, 'utf8')) as { rows?: { design?: unknown }[] }).rows ?? [];
    return [...new Set(rows.map((row) => row.design).filter((d): d is string => typeof d === 'string'))];
  } catch {
    return [];
  }
}

/**
 * The design directories of `directory`, in display order. A directory with a manifest is one batch; a directory
 * without one is a set of designs (`ets compare`, `ets sweep`) when its sub-folders with a manifest were all run
 * with the same seed and number of runs, so that their runs are paired. Anything else is an error that says what
 * to name instead.
 */
export function designDirectories(directory: string): { kind: 'batch' | 'compare'; directories: string[] } {
  if (!existsSync(directory) || !statSync(directory).isDirectory()) throw new OutputDirectoryError(`${directory}: not a directory`);
  if (isBatchDirectory(directory)) return { kind: 'batch', directories: [directory] };
  const found = readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && isBatchDirectory(join(directory, entry.name)))
    .map((entry) => entry.name)
    .sort();
  if (found.length === 0) {
    throw new OutputDirectoryError(`${directory}: holds no batch output (no ${MANIFEST_FILE} here or in a sub-folder); write some with ets run SCENARIO --runs N --out DIR or ets compare`);
  }
  const hasComparison = existsSync(join(directory, COMPARISON_FILE));
  if (found.length === 1 && !hasComparison) {
    throw new OutputDirectoryError(`${directory}: is not a batch output folder but holds one: name it (${join(directory, found[0]!)})`);
  }
  const plans = found.map((name) => {
    const manifest = readManifest(join(directory, name));
    return `seed ${manifest.seed}, ${manifest.runs} runs`;
  });
  if (new Set(plans).size > 1) {
    const list = found.map((name, k) => `${name} (${plans[k]})`).join(', ');
    throw new OutputDirectoryError(`${directory}: holds batches that were not run on the same futures (${list}); name one of them, or compare designs with ets compare`);
  }
  const order = comparisonOrder(join(directory, COMPARISON_FILE));
  const rank = (name: string): number => (name === 'base' ? -1 : order.includes(name) ? order.indexOf(name) : order.length);
  found.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return { kind: found.length === 1 ? 'batch' : 'compare', directories: found.map((name) => join(directory, name)) };
}

async function readTable<Row>(directory: string, table: TableName): Promise<Row[] | null> {
  const path = join(directory, tableDefinition(table).file);
  if (!existsSync(path)) return null;
  const batches = [];
  for await (const batch of readRecordBatches(path)) batches.push(batch);
  return rowsFromBatches<Row>(batches, path);
}

export async function loadDesign(directory: string, bases: readonly string[], notes: string[]): Promise<DesignOutput> {
  const manifest = readManifest(directory);
  const summaryPath = join(directory, SUMMARY_FILE);
  const summary = existsSync(summaryPath) ? (JSON.parse(readFileSync(summaryPath, 'utf8')) as BatchSummary) : null;
  const required = async <Row>(table: TableName): Promise<Row[]> => {
    const rows = await readTable<Row>(directory, table);
    if (rows === null) throw new OutputDirectoryError(`${directory}: ${tableDefinition(table).file} is missing (the manifest lists a finished batch)`);
    return rows;
  };
  const { digest, problem } = await loadScenarioDigest(manifest, bases);
  if (problem !== null) notes.push(problem);
  return {
    label: manifest.design.label,
    manifest,
    summary,
    scenario: digest,
    runs: await required('runs'),
    sectors: await required('sectors'),
    markets: await required('markets'),
    credits: (await readTable(directory, 'credits')) ?? [],
    firms: await readTable(directory, 'firms'),
  };
}

export async function loadOutputDirectory(directory: string, options: LoadOutputOptions = {}): Promise<OutputData> {
  const { kind, directories } = designDirectories(directory);
  const bases = options.scenarioBases ?? defaultBases(directory);
  const notes: string[] = [];
  const designs: DesignOutput[] = [];
  for (const path of directories) designs.push(await loadDesign(path, bases, notes));
  return { source: directory, kind, designs, notes };
}
