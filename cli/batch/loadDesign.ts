/**
 * Loads a scenario with design overlays for a batch, with what the manifest records: the SHA-256 of the scenario
 * file's bytes and of each overlay file.
 */
import { readFileSync } from 'node:fs';
import { sha256Text } from '../../io/sha256.js';
import type { BatchDesign } from '../../workers/runBatch.js';
import { loadScenarioFile } from '../loadScenarioFile.js';

/** SHA-256 of a file's bytes; null when it cannot be read. */
export function fileSha256(file: string): string | null {
  try {
    return sha256Text(readFileSync(file));
  } catch {
    return null;
  }
}

export async function loadDesign(label: string, scenarioFile: string, overlays: readonly string[]): Promise<BatchDesign> {
  const scenario = await loadScenarioFile(scenarioFile, { designs: overlays });
  return {
    label,
    scenario,
    source: { file: scenarioFile, fileSha256: fileSha256(scenarioFile) },
    overlays: overlays.map((file) => ({ file, sha256: fileSha256(file) ?? '' })),
  };
}
