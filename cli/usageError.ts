/**
 * A mistake in how the command was called that is not about the scenario's content: an `--out` path that is a
 * file, a directory that cannot be written. Like a `ScenarioError`, it is reported in one line without a stack trace
 * and exits with code 2.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
