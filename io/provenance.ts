/**
 * Where a batch's code came from, for the manifest: the package name and version (package.json above this module)
 * and the git commit of the checkout, read from .git without running git (null outside a git checkout). Never
 * throws: unknown parts are null.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Provenance {
  package: { name: string; version: string } | null;
  gitCommit: string | null;
  node: string;
}

function packageRoot(): string | null {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (let level = 0; level < 5; level++) {
    const file = join(directory, 'package.json');
    if (existsSync(file)) {
      try {
        const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown };
        if (manifest.name === 'ets-sim') return directory;
      } catch {
        // not ours; look further up
      }
    }
    directory = dirname(directory);
  }
  return null;
}

function gitDirectory(root: string): string | null {
  const dotGit = join(root, '.git');
  if (!existsSync(dotGit)) return null;
  if (statSync(dotGit).isDirectory()) return dotGit;
  // A worktree or submodule: ".git" is a file "gitdir: <path>".
  const match = /^gitdir:\s*(.+)\s*$/m.exec(readFileSync(dotGit, 'utf8'));
  return match === null ? null : resolve(root, match[1]!);
}

function readRef(git: string, ref: string): string | null {
  // A worktree keeps shared refs in its common directory.
  const commonFile = join(git, 'commondir');
  const common = existsSync(commonFile) ? resolve(git, readFileSync(commonFile, 'utf8').trim()) : git;
  for (const candidate of [git, common]) {
    const loose = join(candidate, ref);
    if (existsSync(loose)) return readFileSync(loose, 'utf8').trim();
  }
  for (const candidate of [git, common]) {
    const packed = join(candidate, 'packed-refs');
    if (!existsSync(packed)) continue;
    for (const line of readFileSync(packed, 'utf8').split('\n')) {
      const [hash, name] = line.trim().split(' ');
      if (name === ref && hash !== undefined) return hash;
    }
  }
  return null;
}

export function provenance(): Provenance {
  const result: Provenance = { package: null, gitCommit: null, node: process.version };
  try {
    const root = packageRoot();
    if (root === null) return result;
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
    result.package = { name: manifest.name, version: manifest.version };
    const git = gitDirectory(root);
    if (git === null) return result;
    const head = readFileSync(join(git, 'HEAD'), 'utf8').trim();
    const commit = head.startsWith('ref: ') ? readRef(git, head.slice(5)) : head;
    result.gitCommit = commit !== null && /^[0-9a-f]{40,64}$/.test(commit) ? commit : null;
  } catch {
    // leave what is unknown as null
  }
  return result;
}
