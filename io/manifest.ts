/**
 * `manifest.json`: the provenance and contents of a finished batch — scenario and design hashes, seed, runs,
 * chunking, shard, package and git versions, and for every file its rows, bytes and SHA-256. Written last and
 * atomically: a directory with a manifest holds a complete batch. `verifyOutput` (`ets verify DIR`) checks a
 * directory against its manifest.
 *
 * The manifest holds no timestamp and no worker count, so the same batch gives the same manifest however it was
 * run (workers, resume, shards merged).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BatchIdentity } from './batchJournal.js';
import { MANIFEST_FILE, SUMMARY_FILE, type FinishedTable } from './batchOutput.js';
import { countRows } from './readArrowFile.js';
import { sha256File } from './sha256.js';
import { writeJsonAtomic } from './writeJsonAtomic.js';
import type { Provenance } from './provenance.js';

export const MANIFEST_FORMAT = 'ets-batch/1';
export const OUTPUT_SCHEMA_DOC = 'docs/output-schema.md';

export interface ManifestFile {
  file: string;
  /** The table a data file holds; absent for summary.json. */
  table?: string;
  rows?: number;
  bytes: number;
  sha256: string;
}

export interface ManifestSource {
  /** Scenario name (from the file). */
  name: string;
  /** The scenario's currency: the unit of every money column. */
  currency: string;
  /** The scenario file as given on the command line. */
  file: string;
  /** SHA-256 of the scenario file's bytes (null when it was not read from a file). */
  fileSha256: string | null;
  /** SHA-256 of the validated scenario that ran (design overlays applied, defaults filled), as canonical JSON. */
  sha256: string;
}

export interface ManifestDesign {
  label: string;
  /** Overlay files applied on top of the scenario, in order, with the SHA-256 of their bytes. */
  overlays: { file: string; sha256: string }[];
  /** Parameter values set by a sweep point (path → value); empty otherwise. */
  parameters: Record<string, unknown>;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  outputSchema: string;
  /** Everything that determines the output bytes (also the journal's identity). */
  batch: BatchIdentity;
  createdBy: Provenance;
  scenario: ManifestSource;
  design: ManifestDesign;
  seed: number;
  runs: number;
  chunkRuns: number;
  chunkCount: number;
  shard: { index: number; count: number; firstChunk: number; endChunk: number; firstRun: number; endRun: number } | null;
  details: string[];
  uncertain: boolean;
  files: ManifestFile[];
}

export type ManifestInput = Omit<Manifest, 'format' | 'outputSchema' | 'files'>;

export async function writeManifest(directory: string, input: ManifestInput, tables: readonly FinishedTable[]): Promise<Manifest> {
  const files: ManifestFile[] = [];
  for (const table of tables) {
    const path = join(directory, table.file);
    files.push({ file: table.file, table: table.table, rows: table.rows, bytes: statSync(path).size, sha256: await sha256File(path) });
  }
  const summary = join(directory, SUMMARY_FILE);
  files.push({ file: SUMMARY_FILE, bytes: statSync(summary).size, sha256: await sha256File(summary) });
  const manifest: Manifest = { format: MANIFEST_FORMAT, outputSchema: OUTPUT_SCHEMA_DOC, ...input, files };
  writeJsonAtomic(join(directory, MANIFEST_FILE), manifest);
  return manifest;
}

export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

export function readManifest(directory: string): Manifest {
  const path = join(directory, MANIFEST_FILE);
  if (!existsSync(path)) throw new ManifestError(`${directory}: no ${MANIFEST_FILE} (not a finished batch)`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch (error) {
    throw new ManifestError(`${path}: not valid JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  if (manifest.format !== MANIFEST_FORMAT) throw new ManifestError(`${path}: unknown format ${JSON.stringify(manifest.format)} (expected ${MANIFEST_FORMAT})`);
  return manifest;
}

export interface VerifyReport {
  directory: string;
  ok: boolean;
  /** One line per file checked: `ok runs.arrow (1000 rows, 123,456 bytes)` or the problem. */
  lines: string[];
  problems: string[];
}

/** Checks every file of a manifest: present, same size, same SHA-256, same row count (Arrow files). */
export async function verifyOutput(directory: string): Promise<VerifyReport> {
  const manifest = readManifest(directory);
  const lines: string[] = [];
  const problems: string[] = [];
  const problem = (text: string): void => {
    problems.push(text);
    lines.push(`FAIL ${text}`);
  };
  for (const entry of manifest.files) {
    const path = join(directory, entry.file);
    if (!existsSync(path)) {
      problem(`${entry.file}: missing`);
      continue;
    }
    const bytes = statSync(path).size;
    if (bytes !== entry.bytes) {
      problem(`${entry.file}: ${bytes} bytes, the manifest says ${entry.bytes}`);
      continue;
    }
    const sha256 = await sha256File(path);
    if (sha256 !== entry.sha256) {
      problem(`${entry.file}: SHA-256 ${sha256} differs from the manifest's ${entry.sha256} (the file was changed)`);
      continue;
    }
    if (entry.rows !== undefined) {
      let rows: number;
      try {
        rows = await countRows(path);
      } catch (error) {
        problem(`${entry.file}: not a readable Arrow file (${error instanceof Error ? error.message : String(error)})`);
        continue;
      }
      if (rows !== entry.rows) {
        problem(`${entry.file}: ${rows} rows, the manifest says ${entry.rows}`);
        continue;
      }
    }
    lines.push(`ok   ${entry.file} (${entry.rows === undefined ? '' : `${entry.rows.toLocaleString('en-US')} rows, `}${bytes.toLocaleString('en-US')} bytes, sha256 ${sha256.slice(0, 12)}…)`);
  }
  return { directory, ok: problems.length === 0, lines, problems };
}
