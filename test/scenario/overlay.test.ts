// Design overlays: JSON Merge Patch (RFC 7396) extended with merge-by-id for lists of entries with ids.
// The RFC cases are from RFC 7396 Appendix A; the rest pin the extension and the guarantees (no mutation, no sharing).
import { describe, expect, it } from 'vitest';
import { applyOverlay, MAX_OVERLAY_DEPTH } from '../../model/scenario/overlay.js';
import { ScenarioError } from '../../model/scenario/scenarioError.js';
import { deepFreeze, minimalScenario, type Data } from './fixtures.js';

function overlayError(base: unknown, overlay: unknown): ScenarioError {
  try {
    applyOverlay(base, overlay, 'designs/x.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return error as ScenarioError;
  }
  throw new Error('expected a ScenarioError');
}

describe('applyOverlay: JSON Merge Patch (RFC 7396, Appendix A examples)', () => {
  const cases: [unknown, unknown, unknown][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  it.each(cases)('%j + %j = %j', (base, overlay, expected) => {
    expect(applyOverlay(deepFreeze(base), deepFreeze(overlay))).toEqual(expected);
  });
});

describe('applyOverlay: lists of entries with ids merge by id', () => {
  const base = (): Data => ({
    firms: [
      { id: 'a', sector: 'steel', mac: { type: 'linear', slope: 1 } },
      { id: 'b', sector: 'cement', strategy: 'myopic' },
    ],
  });

  it('merges an entry with a known id into it, recursively, keeping its position', () => {
    expect(applyOverlay(base(), { firms: [{ id: 'a', mac: { slope: 2 } }] })).toEqual({
      firms: [
        { id: 'a', sector: 'steel', mac: { type: 'linear', slope: 2 } },
        { id: 'b', sector: 'cement', strategy: 'myopic' },
      ],
    });
  });

  it('appends entries with new ids in overlay order', () => {
    expect(applyOverlay(base(), { firms: [{ id: 'd', sector: 'x' }, { id: 'c', sector: 'y' }] })).toEqual({
      firms: [...base().firms, { id: 'd', sector: 'x' }, { id: 'c', sector: 'y' }],
    });
  });

  it('removes an entry with {id, $delete: true}; null inside an entry deletes a key', () => {
    expect(applyOverlay(base(), { firms: [{ id: 'a', $delete: true }, { id: 'b', strategy: null }] })).toEqual({
      firms: [{ id: 'b', sector: 'cement' }],
    });
  });

  it('replaces lists without ids, and clears with an empty list', () => {
    const allocationBase = { schemes: [{ id: 'gx', allocation: [{ method: 'auction', sectors: ['power'] }, { method: 'grandfathering', baseYears: [2025] }] }] };
    expect(applyOverlay(allocationBase, { schemes: [{ id: 'gx', allocation: [{ method: 'auction' }] }] })).toEqual({
      schemes: [{ id: 'gx', allocation: [{ method: 'auction' }] }],
    });
    expect(applyOverlay(base(), { firms: [] })).toEqual({ firms: [] });
  });

  it('replaces when the base list has entries without ids', () => {
    expect(applyOverlay({ list: [{ name: 'x' }] }, { list: [{ id: 'y' }] })).toEqual({ list: [{ id: 'y' }] });
  });

  it('reports a $delete of a missing id, a $delete that is not true, $delete with other keys, and $delete where the base has no id list', () => {
    expect(overlayError(base(), { firms: [{ id: 'zz', $delete: true }, { id: 'a', $delete: 'yes' }, { id: 'b', $delete: true, sector: 'x' }] }).issues).toEqual([
      { file: 'designs/x.yaml', path: 'firms[0].id', rule: 'no entry with id "zz" to delete' },
      { file: 'designs/x.yaml', path: 'firms[1].$delete', rule: 'must be true (or left out)' },
      { file: 'designs/x.yaml', path: 'firms[2]', rule: 'an entry with $delete: true may only have an id besides' },
    ]);
    expect(overlayError({}, { credits: [{ id: 'jc', $delete: true }] }).issues).toEqual([
      { file: 'designs/x.yaml', path: 'credits[0].$delete', rule: 'nothing to delete: the base has no list of entries with ids here' },
    ]);
  });

  it('applies several overlays in order', () => {
    const once = applyOverlay(base(), { firms: [{ id: 'a', sector: 'glass' }] });
    const twice = applyOverlay(once, { firms: [{ id: 'a', $delete: true }, { id: 'a', sector: 'paper' }] });
    expect(twice).toEqual({ firms: [{ id: 'b', sector: 'cement', strategy: 'myopic' }, { id: 'a', sector: 'paper' }] });
  });
});

describe('applyOverlay: guarantees', () => {
  it('never mutates a deep-frozen base or overlay, and shares no object with them', () => {
    const base = deepFreeze(minimalScenario());
    const overlay = deepFreeze({
      schemes: [{ id: 'main', banking: { mode: 'none' }, allocation: [{ method: 'auction' }] }],
      firms: [{ id: 'a', mac: { slope: 5 } }, { id: 'c', sector: 'x', history: { emissions: { 2025: 1 } } }],
    });
    const before = JSON.stringify(base);
    const result = applyOverlay(base, overlay) as Data;
    expect(JSON.stringify(base)).toBe(before);
    expect(result.schemes[0].banking).toEqual({ mode: 'none' });
    expect(result.firms[0].mac).toEqual({ type: 'linear', slope: 5 });

    // No object of the result is an object of the base or the overlay, so mutating the result touches neither.
    const inputs = new Set<unknown>();
    const collect = (value: unknown): void => {
      if (typeof value !== 'object' || value === null) return;
      inputs.add(value);
      for (const inner of Object.values(value)) collect(inner);
    };
    collect(base);
    collect(overlay);
    const check = (value: unknown): void => {
      if (typeof value !== 'object' || value === null) return;
      expect(inputs.has(value)).toBe(false);
      for (const inner of Object.values(value)) check(inner);
    };
    check(result);
    expect(Object.isFrozen(result)).toBe(false);
  });

  it('keeps a "__proto__" key as a plain own key (no prototype change)', () => {
    const overlay = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as unknown;
    const result = applyOverlay({}, overlay) as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.hasOwn(result, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('stops at nesting deeper than the limit, and on cycles, with a ScenarioError', () => {
    let deep: Data = 1;
    for (let k = 0; k < 10_000; k++) deep = { a: deep };
    const error = overlayError({}, deep);
    expect(error.issues[0]!.rule).toBe(`nesting deeper than ${MAX_OVERLAY_DEPTH} levels (or a cycle of YAML aliases)`);
    const cyclic: Data = { a: {} };
    cyclic.a.self = cyclic;
    expect(overlayError(cyclic, { b: 1 }).issues[0]!.rule).toMatch(/^nesting deeper than/);
  });
});
