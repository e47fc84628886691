/**
 * Validates scenario data (already read from a file) and returns the typed scenario with defaults filled in.
 * Two passes: the zod schema (structure, types, ranges, unknown keys), then, if the structure is sound, the
 * cross-checks (references, per-period list lengths, options that need other options; `crossCheck`, and
 * `checkUncertainty` for the uncertainty section). All problems found in a pass
 * are reported together in one `ScenarioError`. Pure: no file system.
 *
 * @example
 * parseScenario({ name: 'x' }, 'x.yaml') // throws ScenarioError: 'x.yaml: periods: is required\n…'
 */
import { checkUncertainty } from '../uncertainty/checkUncertainty.js';
import { crossCheck } from './crossCheck.js';
import { describeZodIssues } from './describeZodIssues.js';
import { formatPath, type PathIssue, type PathSegment } from './formatPath.js';
import { ScenarioError, type ScenarioIssue } from './scenarioError.js';
import { scenarioSchema, type Scenario } from './schema.js';

/** Finds where a path is in the source file, for messages; 1-based line and column. */
export type SourceLocator = (segments: readonly PathSegment[]) => { line: number; column: number } | undefined;

export interface ParseScenarioOptions {
  /** Adds line and column to each issue (the file loader passes one built from the YAML document). */
  locate?: SourceLocator;
}

export function parseScenario(data: unknown, file: string, options: ParseScenarioOptions = {}): Scenario {
  if (data === null || data === undefined) {
    throw ScenarioError.single(file, '', 'the document is empty; expected a scenario (a mapping with name, periods, schemes, firms, …)');
  }
  let pathIssues: PathIssue[];
  let scenario: Scenario | undefined;
  try {
    const result = scenarioSchema.safeParse(data, { reportInput: true });
    if (result.success) {
      scenario = result.data;
      pathIssues = [...crossCheck(scenario), ...checkUncertainty(scenario)];
    } else {
      pathIssues = describeZodIssues(result.error.issues);
    }
  } catch (error) {
    // Not expected for data read from YAML or JSON; reported as a scenario problem rather than a crash.
    throw ScenarioError.single(file, '', `could not be validated: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (pathIssues.length > 0 || scenario === undefined) {
    throw new ScenarioError(pathIssues.map((issue) => toScenarioIssue(issue, file, options.locate)));
  }
  return scenario;
}

export function toScenarioIssue(issue: PathIssue, file: string, locate?: SourceLocator): ScenarioIssue {
  const out: ScenarioIssue = { file, path: formatPath(issue.segments), rule: issue.rule };
  const location = locate?.(issue.segments);
  if (location !== undefined) {
    out.line = location.line;
    out.column = location.column;
  }
  return out;
}
