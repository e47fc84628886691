/**
 * Parses the text of a scenario or overlay file (YAML 1.2, which includes JSON) into plain data, defensively:
 * whatever the text, the result is plain data or a `ScenarioError` naming the file (and line:column when known) —
 * never another exception, never unbounded time or memory.
 *
 * Defences:
 * - one document only; YAML errors *and* warnings (such as unknown tags) are errors;
 * - duplicate keys are found in one linear pass (the parser's own `uniqueKeys` check is quadratic in the number of
 *   keys of a mapping, minutes for a large file);
 * - aliases: at most `maxAliasCount` alias expansions (stops "billion laughs" documents), no alias inside the node
 *   it refers to (a cycle);
 * - nesting at most `maxDepth` levels (the parser itself reports a stack overflow somewhat deeper);
 * - only the YAML 1.2 core types: no `!!binary`, `!!set`, `!!timestamp` or custom tags, no `<<` merge keys.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { PathSegment } from '../model/scenario/formatPath.js';
import type { SourceLocator } from '../model/scenario/parseScenario.js';
import { ScenarioError, type ScenarioIssue } from '../model/scenario/scenarioError.js';

export interface ParseDataTextOptions {
  /** Most alias expansions allowed while building the data (the `yaml` package's `maxAliasCount`). Default 100. */
  maxAliasCount?: number;
  /** Deepest nesting of mappings and lists allowed. Default 64 (a scenario needs fewer than 10 levels). */
  maxDepth?: number;
}

export const DEFAULT_MAX_ALIAS_COUNT = 100;
export const DEFAULT_MAX_DEPTH = 64;

export interface ParsedData {
  data: unknown;
  /** Finds the line and column of a path in the text. */
  locate: SourceLocator;
}

/** The first line of a `yaml` error message, without the position the parser appends to it. */
function plainMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  const text = first.replace(/ at line \d+, column \d+:?\s*$/, '');
  return /Maximum call stack size exceeded/.test(text) ? 'nesting too deep for the YAML parser' : text;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  if (key === null || key === undefined) return '';
  return undefined;
}

export function parseDataText(text: string, file: string, options: ParseDataTextOptions = {}): ParsedData {
  const maxAliasCount = options.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const lineCounter = new LineCounter();
  const position = (offset: number | undefined): Pick<ScenarioIssue, 'line' | 'column'> => {
    if (offset === undefined) return {};
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const issues: ScenarioIssue[] = [];

  let document: Document.Parsed;
  try {
    document = parseDocument(text.startsWith('\uFEFF') ? text.slice(1) : text, {
      lineCounter,
      prettyErrors: true,
      strict: true,
      uniqueKeys: false, // checked below in linear time
      schema: 'core',
      merge: false,
      resolveKnownTags: false,
      version: '1.2',
    });
  } catch (error) {
    throw ScenarioError.single(file, '', `could not be parsed as YAML: ${error instanceof Error ? plainMessage(error.message) : String(error)}`, { cause: error });
  }
  for (const problem of [...document.errors, ...document.warnings]) {
    issues.push({ file, path: '', rule: `invalid YAML: ${plainMessage(problem.message)}`, ...(problem.linePos ? { line: problem.linePos[0].line, column: problem.linePos[0].col } : {}) });
  }
  if (issues.length === 0) checkNodes(document, file, maxDepth, position, issues);
  if (issues.length > 0) throw new ScenarioError(issues);

  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const rule = /alias/i.test(message)
      ? `too many YAML alias expansions (more than ${maxAliasCount}); is this a "billion laughs" document?`
      : `could not be converted to data: ${plainMessage(message)}`;
    throw ScenarioError.single(file, '', rule, { cause: error });
  }
  return { data, locate: (segments) => locate(document, segments, position) };
}

/** Duplicate keys, non-scalar keys, aliases inside their own anchor, nesting depth: one pass, no recursion. */
function checkNodes(
  document: Document.Parsed,
  file: string,
  maxDepth: number,
  position: (offset: number | undefined) => Pick<ScenarioIssue, 'line' | 'column'>,
  issues: ScenarioIssue[],
): void {
  interface Frame { node: Node; depth: number; ancestors: ReadonlySet<Node> }
  const root = document.contents;
  if (root === null) return;
  const stack: Frame[] = [{ node: root, depth: 0, ancestors: new Set() }];
  const report = (node: Node | undefined, rule: string): void => { issues.push({ file, path: '', rule, ...position(node?.range?.[0]) }); };
  while (stack.length > 0 && issues.length < 100) {
    const { node, depth, ancestors } = stack.pop()!;
    if (isAlias(node)) {
      const target = node.resolve(document);
      if (target !== undefined && ancestors.has(target)) report(node, `alias *${node.source} is inside the node it refers to (a cycle)`);
      continue;
    }
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth >= maxDepth) {
      report(node, `nesting deeper than ${maxDepth} levels`);
      continue;
    }
    const inner = new Set(ancestors).add(node);
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = keyText(pair.key);
        if (key === undefined) report(pair.key as Node, 'mapping keys must be plain values (text or numbers), not lists or mappings');
        else if (seen.has(key)) report(pair.key as Node, `duplicate key "${key}"`);
        else seen.add(key);
        if (pair.value !== null && typeof pair.value === 'object') stack.push({ node: pair.value as Node, depth: depth + 1, ancestors: inner });
      }
    } else {
      for (const item of node.items) if (item !== null && typeof item === 'object') stack.push({ node: item as Node, depth: depth + 1, ancestors: inner });
    }
  }
}

/** Line and column of the deepest node on `segments` that exists (the key of a mapping entry, or a list item). */
function locate(
  document: Document.Parsed,
  segments: readonly PathSegment[],
  position: (offset: number | undefined) => Pick<ScenarioIssue, 'line' | 'column'>,
): { line: number; column: number } | undefined {
  let node: unknown = document.contents;
  let offset = (node as Node | null)?.range?.[0];
  for (const segment of segments) {
    if (isAlias(node)) node = node.resolve(document);
    if (isMap(node)) {
      const pair = node.items.find((item) => keyText(item.key) === String(segment));
      if (pair === undefined) break;
      offset = (pair.key as Node | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (item === undefined || item === null) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  const found = position(offset);
  return found.line === undefined || found.column === undefined ? undefined : { line: found.line, column: found.column };
}
