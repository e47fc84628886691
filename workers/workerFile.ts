/**
 * Where the compiled pool worker is. Workers always run compiled JavaScript from dist/ (a TypeScript worker needs
 * tsx in every thread and starts ~6× slower). From dist/ the worker sits beside this module; from the sources
 * (tests, tsx) it is looked up in dist/ at the package root, which `npm run build` fills.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export class WorkerFileError extends Error {
  override readonly name = 'WorkerFileError';
}

export function workerFile(): string {
  const here = import.meta.url;
  const candidate = here.endsWith('.ts')
    ? new URL('../dist/workers/chunkWorker.js', here)
    : new URL('./chunkWorker.js', here);
  const path = fileURLToPath(candidate);
  if (!existsSync(path)) throw new WorkerFileError(`the compiled worker ${path} is missing: run \`npm run build\` first`);
  return path;
}
