/**
 * A base scenario with design overlays applied in order (see `overlay.ts`), validated whole by `parseScenario`.
 *
 * When the merged scenario is invalid, each problem is attributed to the file that introduced it: the last overlay
 * after which the problem appears (found by validating the base alone, then with each overlay added), or the base
 * when the problem was there all along. The message's first line names every file involved.
 *
 * @example
 * composeScenario({ file: 'default.yaml', data: base }, [{ file: 'designs/no-banking.yaml', data: noBanking }])
 */
import { describeValue } from './describeZodIssues.js';
import { applyOverlay, isPlainObject } from './overlay.js';
import { parseScenario, type SourceLocator } from './parseScenario.js';
import { ScenarioError, type ScenarioIssue } from './scenarioError.js';
import type { Scenario } from './schema.js';

/** Data read from one file, with the file's name for messages. */
export interface ScenarioSource {
  file: string;
  data: unknown;
  /** Locates paths in this file; used for the base scenario when no overlay is applied. */
  locate?: SourceLocator;
}

function issueKey(issue: ScenarioIssue): string {
  return `${issue.path}\u0000${issue.rule}`;
}

function issueKeysOf(data: unknown): Set<string> {
  try {
    parseScenario(data, '');
    return new Set();
  } catch (error) {
    if (error instanceof ScenarioError) return new Set(error.issues.map(issueKey));
    throw error;
  }
}

export function composeScenario(base: ScenarioSource, overlays: readonly ScenarioSource[] = []): Scenario {
  if (overlays.length === 0) {
    return parseScenario(base.data, base.file, base.locate === undefined ? {} : { locate: base.locate });
  }
  const stages: unknown[] = [base.data];
  let merged: unknown = base.data;
  for (const overlay of overlays) {
    if (!isPlainObject(overlay.data)) {
      throw ScenarioError.single(overlay.file, '', `an overlay must be a mapping of the scenario keys it changes, got ${describeValue(overlay.data)}`);
    }
    merged = applyOverlay(merged, overlay.data, overlay.file);
    stages.push(merged);
  }
  const files = [base.file, ...overlays.map((overlay) => overlay.file)];
  try {
    return parseScenario(merged, base.file);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    // Stage k is the base with the first k overlays; an issue comes from the last stage at which it appeared.
    const earlierKeys = stages.slice(0, -1).map(issueKeysOf);
    const issues = error.issues.map((issue) => {
      const key = issueKey(issue);
      let stage = stages.length - 1;
      while (stage > 0 && earlierKeys[stage - 1]!.has(key)) stage -= 1;
      return { ...issue, file: files[stage]! };
    });
    throw new ScenarioError(issues, { headline: `invalid scenario: ${files.join(' + ')} (base scenario with design overlays applied in order)`, cause: error });
  }
}
