/**
 * The grid of `ets sweep`: `--param path=v1,v2,...` options, their cartesian product, and for each point the design
 * overlay that sets its values. Paths read like scenario paths, with list entries picked by id:
 * `schemes[gx].priceControls.floor.price`, `expectations.strategy`, `credits[jcredit].price`. Lists without ids
 * (allocation rules, per-period lists) are replaced whole by an overlay, so a path cannot index into them.
 *
 * @example parseParameter('schemes[gx].banking.mode=none,unlimited')
 * // { path: 'schemes[gx].banking.mode', values: ['none', 'unlimited'], segments: [...] }
 */
import { parse } from 'yaml';
import { UsageError } from '../usageError.js';

export interface PathSegment {
  key: string;
  /** The id of the list entry under `key`, for lists of things with ids. */
  id?: string;
}

export interface SweepParameter {
  path: string;
  segments: PathSegment[];
  values: unknown[];
}

export interface SweepPoint {
  label: string;
  /** path → value. */
  values: Record<string, unknown>;
  overlay: Record<string, unknown>;
}

const SEGMENT = /^([A-Za-z_$][A-Za-z0-9_$-]*)(?:\[([^\]]*)\])?$/;
/** Most points a sweep may have. */
export const MAX_POINTS = 10_000;

export function parsePath(path: string, option = '--param'): PathSegment[] {
  if (path.trim() === '') throw new UsageError(`${option}: empty path`);
  return path.split('.').map((part) => {
    const match = SEGMENT.exec(part);
    if (match === null) throw new UsageError(`${option} ${path}: "${part}" is not a key or key[id]`);
    const [, key, id] = match;
    if (id === undefined) return { key: key! };
    if (/^\d+$/.test(id)) {
      throw new UsageError(`${option} ${path}: lists are addressed by the id of an entry (e.g. schemes[gx]); "${key}[${id}]" indexes a list, which an overlay replaces whole`);
    }
    if (!/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(id)) throw new UsageError(`${option} ${path}: "${id}" is not an id`);
    return { key: key!, id };
  });
}

function parseValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') throw new UsageError('--param: empty value in the list');
  return parse(trimmed) as unknown;
}

export function parseParameter(text: string): SweepParameter {
  const equals = text.indexOf('=');
  if (equals <= 0) throw new UsageError(`--param: expected path=value1,value2,…, got "${text}"`);
  const path = text.slice(0, equals).trim();
  const values = text.slice(equals + 1).split(',').map(parseValue);
  return { path, segments: parsePath(path), values };
}

/** The overlay that sets `value` at `segments`, merged into `overlay` (which it extends in place). */
function setAt(overlay: Record<string, unknown>, segments: readonly PathSegment[], value: unknown): void {
  let target = overlay;
  segments.forEach((segment, k) => {
    const last = k === segments.length - 1;
    if (segment.id === undefined) {
      if (last) target[segment.key] = value;
      else target = (target[segment.key] ??= {}) as Record<string, unknown>;
      return;
    }
    const list = (target[segment.key] ??= []) as Record<string, unknown>[];
    let entry = list.find((e) => e.id === segment.id);
    if (entry === undefined) {
      entry = { id: segment.id };
      list.push(entry);
    }
    if (last) throw new UsageError(`--param: a path cannot end at a list entry (${segment.key}[${segment.id}]); name a key inside it`);
    target = entry;
  });
}

export function sweepPoints(parameters: readonly SweepParameter[]): SweepPoint[] {
  if (parameters.length === 0) throw new UsageError('sweep needs at least one --param path=value1,value2,…');
  const paths = parameters.map((p) => p.path);
  const duplicate = paths.find((p, k) => paths.indexOf(p) !== k);
  if (duplicate !== undefined) throw new UsageError(`--param ${duplicate} is given twice`);
  const count = parameters.reduce((n, p) => n * p.values.length, 1);
  if (count > MAX_POINTS) throw new UsageError(`the grid has ${count.toLocaleString('en-US')} points; at most ${MAX_POINTS.toLocaleString('en-US')} are allowed`);
  const width = String(count).length;
  const points: SweepPoint[] = [];
  for (let index = 0; index < count; index++) {
    // The last parameter varies fastest.
    let rest = index;
    const values: Record<string, unknown> = {};
    const overlay: Record<string, unknown> = {};
    for (let p = parameters.length - 1; p >= 0; p--) {
      const parameter = parameters[p]!;
      const value = parameter.values[rest % parameter.values.length];
      rest = Math.floor(rest / parameter.values.length);
      values[parameter.path] = value;
    }
    for (const parameter of parameters) setAt(overlay, parameter.segments, values[parameter.path]);
    points.push({ label: `p${String(index + 1).padStart(width, '0')}`, values: Object.fromEntries(paths.map((path) => [path, values[path]])), overlay });
  }
  return points;
}
