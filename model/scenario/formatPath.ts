/**
 * Scenario paths as users read them: dotted keys with `[index]` for list entries (`schemes[0].allocation.benchmark`).
 * A key that is not a plain word (letters, digits, `_`, `-`, `$`) is written in brackets as a JSON string
 * (`benchmark["iron.steel"]`) so that every path reads back unambiguously.
 */

/** One step of a path: an object key or a list index. */
export type PathSegment = string | number;

/** A problem found at a path, before it is tied to a file. */
export interface PathIssue {
  segments: PathSegment[];
  rule: string;
}

const PLAIN_KEY = /^[A-Za-z0-9_$-]+$/;

/** @example formatPath(['schemes', 0, 'allocation', 1, 'benchmark']) // 'schemes[0].allocation[1].benchmark' */
export function formatPath(segments: readonly PropertyKey[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else {
      const key = String(segment);
      if (PLAIN_KEY.test(key)) path += path === '' ? key : `.${key}`;
      else path += `[${JSON.stringify(key)}]`;
    }
  }
  return path;
}

/** Appends segments to an already formatted path. */
export function joinPath(path: string, ...segments: readonly PropertyKey[]): string {
  const tail = formatPath(segments);
  if (path === '' || tail.startsWith('[')) return path + tail;
  return `${path}.${tail}`;
}
