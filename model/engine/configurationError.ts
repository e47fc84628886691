/**
 * A scenario the checks at load time accepted but the engine cannot run as given (an unsupported link topology, a
 * solver restriction, a value missing where the engine needs it). It names the scenario path and the rule, like a
 * `ScenarioError`, so the command line reports it as the user's mistake (exit code 2) without a stack trace.
 */
export class ConfigurationError extends Error {
  override readonly name: string = 'ConfigurationError';
  constructor(readonly path: string, readonly rule: string, options?: { cause?: unknown }) {
    super(`${path}: ${rule}`, options);
  }
}
