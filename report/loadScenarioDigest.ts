/**
 * Finds the scenario a batch ran — its file and design overlays as recorded in manifest.json — and returns its
 * digest, but only when the scenario loaded now is the one that ran: the SHA-256 of the validated scenario as
 * canonical JSON must equal the manifest's `scenario.sha256`. Paths in the manifest are as given on the command
 * line, so they are tried relative to each of `bases` in turn (by default the working directory and the output
 * directory's ancestors).
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { loadScenarioFile } from '../cli/loadScenarioFile.js';
import { canonicalJson } from '../io/canonicalJson.js';
import type { Manifest } from '../io/manifest.js';
import { sha256Text } from '../io/sha256.js';
import { scenarioDigest, type ScenarioDigest } from './scenarioDigest.js';

export interface DigestResult {
  digest: ScenarioDigest | null;
  /** Why there is no digest (null when there is one). */
  problem: string | null;
}

/** The working directory, then `directory` and up to four of its ancestors. */
export function defaultBases(directory: string): string[] {
  const bases = [process.cwd()];
  let current = resolve(directory);
  for (let level = 0; level < 5; level++) {
    bases.push(current);
    current = dirname(current);
  }
  return [...new Set(bases)];
}

export async function loadScenarioDigest(manifest: Manifest, bases: readonly string[]): Promise<DigestResult> {
  const file = manifest.scenario.file;
  const overlays = manifest.design.overlays.map((o) => o.file);
  const candidates = isAbsolute(file) ? [dirname(file)] : bases;
  let tried = false;
  for (const base of candidates) {
    const scenarioPath = resolve(base, file);
    const overlayPaths = overlays.map((o) => resolve(base, o));
    if (!existsSync(scenarioPath) || !overlayPaths.every(existsSync)) continue;
    tried = true;
    try {
      const scenario = await loadScenarioFile(scenarioPath, { designs: overlayPaths });
      if (sha256Text(canonicalJson(scenario)) === manifest.scenario.sha256) return { digest: scenarioDigest(scenario), problem: null };
    } catch {
      // An unreadable or invalid file here: try the next base.
    }
  }
  return {
    digest: null,
    problem: tried
      ? `design ${manifest.design.label}: ${file} has changed since the batch ran (its SHA-256 differs from the manifest's), so scheme target types and credit limits are not shown`
      : `design ${manifest.design.label}: the scenario file ${file} was not found, so scheme target types and credit limits are not shown`,
  };
}
