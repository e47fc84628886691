/**
 * A run that throws stops the batch cleanly: the error names the run id, the seed and the design, no complete-looking
 * file is left, and the pool shuts down. The failing runs here come from the engine itself: output shocks that are
 * sometimes 4 (output × 5) make the cap unreachable below market.maxPrice; without a penalty the engine throws.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../../model/engine/simulate.js';
import { realizeScenario } from '../../model/uncertainty/realizeScenario.js';
import { RunFailedError } from '../../workers/batchErrors.js';
import { runBatch } from '../../workers/runBatch.js';
import { batchScenario, design, temporaryDirectory } from './support/batchScenario.js';
import { ensureBuilt } from './support/ensureBuilt.js';

const failing = batchScenario({
  market: { maxPrice: 1000, mode: 'auto' },
  schemes: [{ id: 'ets', target: { type: 'absolute', cap: 600 }, allocation: [{ method: 'auction' }] }],
  credits: [],
  uncertainty: { output: { shocks: { economy: { type: 'discrete', values: [0, 4], weights: [0.9, 0.1] } } } },
});

/** The first run that throws in memory, found independently of the batch code. */
function firstFailingRun(seed: number): number {
  for (let run = 0; ; run++) {
    try {
      simulate(realizeScenario(failing, seed, run), { seed });
    } catch {
      return run;
    }
  }
}

beforeAll(() => ensureBuilt(), 180_000);

describe('a run that throws', () => {
  for (const workers of [1, 2]) {
    it(`reports its run id and seed and leaves no finished file (workers ${workers})`, async () => {
      const out = temporaryDirectory();
      const failingRun = firstFailingRun(5);
      let error: unknown;
      try {
        await runBatch({ designs: [design(failing)], seed: 5, runs: 60, chunkRuns: 4, workers, out });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(RunFailedError);
      const failure = error as RunFailedError;
      expect(failure.seed).toBe(5);
      expect(failure.design).toBe('base');
      expect(failure.message).toMatch(/^run \d+ \(seed 5, design "base"\) failed: InfeasiblePathError: no price up to market.maxPrice keeps the bank at or above 0 t/);
      // With one worker the chunks run in order, so the first failing run is the one reported.
      if (workers === 1) expect(failure.run).toBe(failingRun);
      // Reproduced alone from its run id and seed:
      expect(() => simulate(realizeScenario(failing, 5, failure.run), { seed: 5 })).toThrow(failure.message.replace(/^.*?failed: InfeasiblePathError: /, ''));
      expect(failure.runStack).toContain('InfeasiblePathError');
      const files = readdirSync(out);
      expect(files.filter((f) => f.endsWith('.arrow'))).toEqual([]);
      expect(existsSync(join(out, 'manifest.json'))).toBe(false);
    });
  }
});
