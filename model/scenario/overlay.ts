/**
 * Design overlays: an alternative policy design (a "reform") written as the difference from a baseline scenario,
 * e.g. "auction everything" or "no banking", so that designs are compared on otherwise identical scenarios.
 *
 * Semantics: JSON Merge Patch (RFC 7396), extended for lists of things with ids.
 * - A mapping in the overlay is merged into the base mapping key by key, recursively; keys the overlay does not
 *   mention are kept.
 * - `key: null` deletes the key from the base (so an optional setting falls back to its default).
 * - Scalars (numbers, strings, booleans) replace the base value, and so do lists...
 * - ...except a non-empty list whose entries are all mappings with a string `id`, laid over a base list whose
 *   entries are all mappings with an `id` (or an empty list): it is merged entry by entry, by id.
 *   - an overlay entry whose id is in the base list is merged into that entry (recursively, by these same rules);
 *   - an entry with a new id is appended (in overlay order);
 *   - `{id: x, $delete: true}` removes the base entry `x` (an error if there is none).
 *   This applies to `firms`, `schemes` and `credits` in a scenario. Lists without ids (`allocation`, `firmTemplates`,
 *   `links`, per-period value lists) are replaced whole; an empty list `[]` replaces (clears) the base list.
 * - Several overlays apply in order, each to the result of the previous one.
 *
 * `applyOverlay` never mutates its arguments, and its result shares no object with them (callers may freeze the base
 * or reuse it for other overlays). It only merges: `composeScenario` validates the merged result as a whole.
 *
 * @example
 * applyOverlay({ schemes: [{ id: 'gx', banking: { mode: 'unlimited' } }] }, { schemes: [{ id: 'gx', banking: { mode: 'none' } }] })
 * // { schemes: [{ id: 'gx', banking: { mode: 'none' } }] }
 */
import { formatPath, type PathIssue, type PathSegment } from './formatPath.js';
import { ScenarioError } from './scenarioError.js';

/** Deepest nesting an overlay or its base may have (a scenario needs fewer than 10 levels). */
export const MAX_OVERLAY_DEPTH = 100;

type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function isIdEntry(value: unknown): value is PlainObject & { id: string } {
  return isPlainObject(value) && typeof value.id === 'string';
}

/** Sets an own, enumerable property (also for keys such as `__proto__`, which plain assignment would not create). */
function setOwn(target: PlainObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

interface MergeContext {
  issues: PathIssue[];
}

function tooDeep(at: readonly PathSegment[], context: MergeContext): boolean {
  if (at.length <= MAX_OVERLAY_DEPTH) return false;
  context.issues.push({ segments: at.slice(0, MAX_OVERLAY_DEPTH), rule: `nesting deeper than ${MAX_OVERLAY_DEPTH} levels (or a cycle of YAML aliases)` });
  return true;
}

/** A deep copy of JSON-like data. */
function clone(value: unknown, at: PathSegment[], context: MergeContext): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (tooDeep(at, context)) return undefined;
  if (Array.isArray(value)) return value.map((item, k) => clone(item, [...at, k], context));
  if (!isPlainObject(value)) return value;
  const copy: PlainObject = {};
  for (const [key, item] of Object.entries(value)) setOwn(copy, key, clone(item, [...at, key], context));
  return copy;
}

function merge(base: unknown, patch: unknown, at: PathSegment[], context: MergeContext): unknown {
  if (tooDeep(at, context)) return undefined;
  if (isPlainObject(patch)) {
    const result: PlainObject = isPlainObject(base) ? (clone(base, at, context) as PlainObject) : {};
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete result[key];
      else setOwn(result, key, merge(Object.hasOwn(result, key) ? result[key] : undefined, value, [...at, key], context));
    }
    return result;
  }
  if (Array.isArray(patch)) {
    const patchHasIds = patch.length > 0 && patch.every(isIdEntry);
    if (patchHasIds && Array.isArray(base) && base.every(isIdEntry)) return mergeById(base, patch as (PlainObject & { id: string })[], at, context);
    if (patchHasIds) {
      patch.forEach((entry, k) => {
        if (Object.hasOwn(entry as PlainObject, '$delete')) {
          context.issues.push({ segments: [...at, k, '$delete'], rule: 'nothing to delete: the base has no list of entries with ids here' });
        }
      });
    }
    return clone(patch, at, context);
  }
  return patch;
}

function mergeById(base: readonly (PlainObject & { id: string })[], patch: readonly (PlainObject & { id: string })[], at: PathSegment[], context: MergeContext): unknown[] {
  const result = base.map((entry, k) => clone(entry, [...at, k], context) as PlainObject);
  const indexOf = (id: string): number => result.findIndex((entry) => entry.id === id);
  patch.forEach((entry, k) => {
    const entryAt = [...at, k];
    const index = indexOf(entry.id);
    if (Object.hasOwn(entry, '$delete')) {
      if (entry.$delete !== true) context.issues.push({ segments: [...entryAt, '$delete'], rule: 'must be true (or left out)' });
      else if (Object.keys(entry).length !== 2) context.issues.push({ segments: entryAt, rule: 'an entry with $delete: true may only have an id besides' });
      else if (index < 0) context.issues.push({ segments: [...entryAt, 'id'], rule: `no entry with id "${entry.id}" to delete` });
      else result.splice(index, 1);
      return;
    }
    if (index >= 0) result[index] = merge(result[index], entry, entryAt, context) as PlainObject;
    else result.push(merge(undefined, entry, entryAt, context) as PlainObject);
  });
  return result;
}

/**
 * Returns `base` with `overlay` applied (see the header for the rules). Problems in the overlay itself (a
 * `$delete` of an id the base lacks, nesting too deep) throw a `ScenarioError` naming `file` and the overlay path.
 */
export function applyOverlay(base: unknown, overlay: unknown, file = '<overlay>'): unknown {
  const context: MergeContext = { issues: [] };
  const result = merge(base, overlay, [], context);
  if (context.issues.length > 0) {
    throw new ScenarioError(context.issues.map((issue) => ({ file, path: formatPath(issue.segments), rule: issue.rule })));
  }
  return result;
}
