/**
 * The batch output a notebook site shows. The folder is chosen by `--data DIR`, else the `ETS_OUTPUT` environment
 * variable, else the most recent batch or comparison under output/ (by the time its manifest was written). It is
 * staged under `data/` of the site: `data/index.json` (each design's manifest, summary and scenario digest, the
 * comparison if any, and where its tables are) and `data/<label>/<table>.arrow`, served by the preview server and
 * copied into the built site.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, relative, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { MANIFEST_FILE, SUMMARY_FILE } from '../../io/batchOutput.js';
import type { BatchSummary } from '../../io/batchSummary.js';
import { readManifest } from '../../io/manifest.js';
import { TABLES, type TableName } from '../../io/tables.js';
import { COMPARISON_FILE, designDirectories, OutputDirectoryError } from '../../report/loadOutputDirectory.js';
import { defaultBases, loadScenarioDigest } from '../../report/loadScenarioDigest.js';
import type { NotebookDataIndex } from '../lib/notebookDataIndex.js';

export const DATA_ENV = 'ETS_OUTPUT';
/** URL folder of the staged data, relative to the site root. */
export const DATA_PATH = 'data';

export class NotebookDataError extends Error {
  override readonly name = 'NotebookDataError';
}

export interface StagedData {
  /** The chosen output folder. */
  directory: string;
  index: NotebookDataIndex;
  /** URL path under the site (`data/base/runs.arrow`) → file on disk. */
  files: Map<string, string>;
}

function newestManifestTime(directory: string): number {
  try {
    return Math.max(...designDirectories(directory).directories.map((d) => statSync(join(d, MANIFEST_FILE)).mtimeMs));
  } catch {
    return Number.NEGATIVE_INFINITY;
  }
}

/** The most recent batch or comparison folder directly under `outputRoot`, or null when there is none. */
export function latestOutput(outputRoot: string): string | null {
  if (!existsSync(outputRoot)) return null;
  let best: string | null = null;
  let bestTime = Number.NEGATIVE_INFINITY;
  for (const entry of readdirSync(outputRoot, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const directory = join(outputRoot, entry.name);
    const time = newestManifestTime(directory);
    if (time > bestTime || (time === bestTime && best !== null && directory > best)) {
      best = directory;
      bestTime = time;
    }
  }
  return bestTime === Number.NEGATIVE_INFINITY ? null : best;
}

/** `explicit` (from --data), else $ETS_OUTPUT, else the latest output under `outputRoot`. */
export function chooseOutputDirectory(explicit: string | undefined, outputRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = explicit ?? (env[DATA_ENV] === undefined || env[DATA_ENV] === '' ? undefined : env[DATA_ENV]);
  if (chosen !== undefined) return resolve(chosen);
  const latest = latestOutput(outputRoot);
  if (latest === null) {
    throw new NotebookDataError(`no batch output under ${outputRoot}: write some first (ets run SCENARIO --runs 200 --out output/NAME, or ets compare), or name a folder with --data DIR or ${DATA_ENV}=DIR`);
  }
  return resolve(latest);
}

/** Reads what the notebooks need from `directory` and plans where each file goes under `data/`. */
export async function stageOutputData(directory: string, displayRoot = process.cwd()): Promise<StagedData> {
  let layout;
  try {
    layout = designDirectories(directory);
  } catch (error) {
    if (error instanceof OutputDirectoryError) throw new NotebookDataError(error.message, { cause: error });
    throw error;
  }
  const files = new Map<string, string>();
  const notes: string[] = [];
  const bases = defaultBases(directory);
  const designs: NotebookDataIndex['designs'] = [];
  for (const designDirectory of layout.directories) {
    const manifest = readManifest(designDirectory);
    const label = manifest.design.label;
    const summaryPath = join(designDirectory, SUMMARY_FILE);
    const summary = existsSync(summaryPath) ? (JSON.parse(readFileSync(summaryPath, 'utf8')) as BatchSummary) : null;
    const { digest, problem } = await loadScenarioDigest(manifest, bases);
    if (problem !== null) notes.push(problem);
    const tables: Partial<Record<TableName, string>> = {};
    for (const table of TABLES) {
      if (table.name === 'transactions') continue;
      const path = join(designDirectory, table.file);
      if (!existsSync(path)) continue;
      const url = `${DATA_PATH}/${encodeURIComponent(label)}/${table.file}`;
      files.set(url, path);
      tables[table.name] = url;
    }
    designs.push({ label, manifest, summary, scenario: digest, tables });
  }
  const comparisonPath = join(directory, COMPARISON_FILE);
  const comparison = existsSync(comparisonPath) ? (JSON.parse(readFileSync(comparisonPath, 'utf8')) as unknown) : null;
  const source = relative(displayRoot, directory) || '.';
  return { directory, index: { format: 'ets-notebook-data/1', source, kind: layout.kind, notes, designs, comparison }, files };
}

function send(response: ServerResponse, type: string, body: Buffer | string): void {
  response.statusCode = 200;
  response.setHeader('Content-Type', type);
  response.setHeader('Cache-Control', 'no-store');
  response.end(body);
}

/** Serves the staged data in the preview server and copies it into the built site. */
export function notebookData(staged: StagedData): Plugin {
  const indexUrl = `${DATA_PATH}/index.json`;
  let outDir: string | null = null;
  return {
    name: 'ets:notebook-data',
    configureServer(server) {
      server.middlewares.use((request: IncomingMessage, response: ServerResponse, next: () => void) => {
        const path = decodeURIComponent((request.url ?? '').split('?')[0]!.replace(/^\/+/, ''));
        if (path === indexUrl) return send(response, 'application/json', JSON.stringify(staged.index));
        const file = staged.files.get(path.split('/').map(encodeURIComponent).join('/')) ?? staged.files.get(path);
        if (file !== undefined) return send(response, 'application/vnd.apache.arrow.file', readFileSync(file));
        return next();
      });
    },
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    writeBundle() {
      if (outDir === null) return;
      mkdirSync(join(outDir, DATA_PATH), { recursive: true });
      for (const [url, file] of staged.files) {
        const target = join(outDir, decodeURIComponent(url));
        mkdirSync(join(target, '..'), { recursive: true });
        copyFileSync(file, target);
      }
      writeFileSync(join(outDir, indexUrl), `${JSON.stringify(staged.index)}\n`);
    },
  };
}
