/**
 * The one error a bad scenario (or design overlay) produces: every problem found, each with the file it is in, the
 * path inside the file and the rule it breaks, so that a user can fix them all in one pass.
 *
 * @example
 * new ScenarioError([{ file: 'scenarios/x.yaml', path: 'schemes[0].allocation[1].benchmark', rule: 'must be ≥ 0' }])
 *   .message // 'scenarios/x.yaml: schemes[0].allocation[1].benchmark: must be ≥ 0'
 */

/** One problem in a scenario. */
export interface ScenarioIssue {
  /** The file the problem is in (as given by the user), or a label such as `<inline>`. */
  file: string;
  /** Where in the document: dotted keys with `[index]` for list entries, e.g. `schemes[0].allocation.benchmark`;
   * empty for the document as a whole or for a syntax error. */
  path: string;
  /** What is wrong, in plain words: `must be ≥ 0`, `unknown key "foo"`, `expected number, got string "abc"`. */
  rule: string;
  /** 1-based line in `file`, when known. */
  line?: number;
  /** 1-based column in `file`, when known. */
  column?: number;
}

export interface ScenarioErrorOptions {
  /** The underlying error (an I/O error, a YAML parser error). */
  cause?: unknown;
  /** A first line put before the issue list, e.g. naming the base scenario and the overlays applied to it. */
  headline?: string;
}

/** Most issues listed in the message; all of them stay in `issues`. */
const MAX_LISTED_ISSUES = 50;

/** `file:line:column: path: rule`, leaving out the parts that are unknown or empty. */
export function formatScenarioIssue(issue: ScenarioIssue): string {
  let where = issue.file;
  if (issue.line !== undefined) where += `:${issue.line}${issue.column !== undefined ? `:${issue.column}` : ''}`;
  return issue.path === '' ? `${where}: ${issue.rule}` : `${where}: ${issue.path}: ${issue.rule}`;
}

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  readonly issues: readonly ScenarioIssue[];

  constructor(issues: readonly ScenarioIssue[], options: ScenarioErrorOptions = {}) {
    const listed = issues.slice(0, MAX_LISTED_ISSUES).map(formatScenarioIssue);
    if (issues.length > MAX_LISTED_ISSUES) listed.push(`… and ${issues.length - MAX_LISTED_ISSUES} more`);
    if (options.headline !== undefined) listed.unshift(options.headline);
    super(listed.join('\n'), options.cause === undefined ? undefined : { cause: options.cause });
    this.issues = issues;
  }

  /** An error with a single issue. */
  static single(file: string, path: string, rule: string, options: ScenarioErrorOptions = {}): ScenarioError {
    return new ScenarioError([{ file, path, rule }], options);
  }
}
