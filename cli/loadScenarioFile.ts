/**
 * Reads a scenario file (.yaml, .yml or .json) and any design overlays, and returns the validated scenario.
 * Every failure — missing or unreadable file, too large, not UTF-8, bad YAML, invalid scenario — is a
 * `ScenarioError` naming the file; nothing else is thrown for bad input.
 *
 * @example
 * const scenario = await loadScenarioFile('scenarios/default.yaml', { designs: ['scenarios/designs/auction.yaml'] });
 */
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { composeScenario, type ScenarioSource } from '../model/scenario/composeScenario.js';
import { ScenarioError } from '../model/scenario/scenarioError.js';
import type { Scenario } from '../model/scenario/schema.js';
import { parseDataText, type ParseDataTextOptions } from './parseDataText.js';

/** Largest file read: 5 MiB (a scenario with thousands of explicit firms is well under 1 MiB). */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

export interface ReadDataFileOptions extends ParseDataTextOptions {
  /** Largest file accepted, bytes. Default `DEFAULT_MAX_BYTES`. */
  maxBytes?: number;
}

export interface LoadScenarioFileOptions extends ReadDataFileOptions {
  /** Design overlay files applied in order on top of the scenario. */
  designs?: readonly string[];
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

function readFailure(file: string, error: unknown): ScenarioError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ENOENT' ? 'file not found'
    : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'EISDIR' ? 'is a directory, not a file'
    : code === 'ENOTDIR' ? 'file not found (a part of the path is not a directory)'
    : `could not be read (${code ?? (error instanceof Error ? error.message : String(error))})`;
  return ScenarioError.single(file, '', reason, { cause: error });
}

/** Reads and parses one scenario or overlay file into plain data. */
export async function readDataFile(file: string, options: ReadDataFileOptions = {}): Promise<ScenarioSource> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const extension = extname(file).toLowerCase();
  if (!EXTENSIONS.has(extension)) {
    throw ScenarioError.single(file, '', `unsupported file type ${extension === '' ? '(no extension)' : `"${extension}"`}: use .yaml, .yml or .json`);
  }
  let text: string;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw ScenarioError.single(file, '', 'is a directory, not a file');
    if (!info.isFile()) throw ScenarioError.single(file, '', 'is not a regular file');
    if (info.size > maxBytes) throw ScenarioError.single(file, '', `is too large (${formatBytes(info.size)}; the limit is ${formatBytes(maxBytes)})`);
    // O_NONBLOCK: should the path have been swapped for a FIFO since the stat, opening it does not wait for a writer.
    const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const buffer = Buffer.alloc(Math.min(maxBytes + 1, info.size + 1));
      let length = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
        if (bytesRead === 0) break;
        length += bytesRead;
        if (length === buffer.length) break;
      }
      if (length > maxBytes) throw ScenarioError.single(file, '', `is too large (over ${formatBytes(maxBytes)})`);
      text = new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, length));
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    if (error instanceof TypeError && (error as NodeJS.ErrnoException).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
      throw ScenarioError.single(file, '', 'is not UTF-8 text', { cause: error });
    }
    throw readFailure(file, error);
  }
  const { data, locate } = parseDataText(text, file, options);
  return { file, data, locate };
}

/** Reads a scenario and its design overlays and validates the result as a whole. */
export async function loadScenarioFile(file: string, options: LoadScenarioFileOptions = {}): Promise<Scenario> {
  const base = await readDataFile(file, options);
  const overlays: ScenarioSource[] = [];
  for (const design of options.designs ?? []) overlays.push(await readDataFile(design, options));
  return composeScenario(base, overlays);
}
