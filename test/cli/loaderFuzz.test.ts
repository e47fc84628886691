// Property-based fuzzing of the loader (text → YAML → scenario): whatever the input, the outcome is a scenario or a
// ScenarioError — never another exception type, never a hang. Run counts are moderate to keep the suite fast.
// The seed is fixed so a failure reproduces; set FUZZ_SEED=<n> to explore other inputs and FUZZ_SCALE=<k> for k times
// the runs (fast-check prints the seed and the shrunk counterexample of any failure).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDataText } from '../../cli/parseDataText.js';
import { composeScenario } from '../../model/scenario/composeScenario.js';
import { parseScenario } from '../../model/scenario/parseScenario.js';
import { ScenarioError } from '../../model/scenario/scenarioError.js';
import type { Scenario } from '../../model/scenario/schema.js';

const FILE = 'fuzz.yaml';
const DEFAULT_TEXT = readFileSync(new URL('../../scenarios/default.yaml', import.meta.url), 'utf8');
const DEFAULT_DATA = parseDataText(DEFAULT_TEXT, 'default.yaml').data;
/** Longest any single case may take; a hang fails the property instead of the whole suite timing out. */
const CASE_BUDGET_MS = 3000;
const SEED = Number(process.env.FUZZ_SEED ?? 20260401);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);

/** Loads text the way `loadScenarioFile` does after reading the file; returns the scenario or the ScenarioError. */
function loadText(text: string): Scenario | ScenarioError {
  const started = performance.now();
  try {
    const { data, locate } = parseDataText(text, FILE);
    return parseScenario(data, FILE, { locate });
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error; // any other exception fails the property
  } finally {
    expect(performance.now() - started).toBeLessThan(CASE_BUDGET_MS);
  }
}

function validateData(data: unknown): Scenario | ScenarioError {
  try {
    return parseScenario(data, FILE);
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
}

/** Every ScenarioError issue names the file and has a non-empty rule. */
function wellFormed(outcome: Scenario | ScenarioError): boolean {
  if (!(outcome instanceof ScenarioError)) return true;
  return outcome.issues.length > 0 && outcome.issues.every((issue) => issue.file === FILE && issue.rule.length > 0);
}

const yamlToken = fc.constantFrom(
  'name: x', 'periods:', 'schemes:', '  - id: a', 'a:', 'b: 1', '- ', ':', ',', ' ', '  ', '\n', '\t', '[', ']', '{', '}',
  '&a ', '*a', '&b ', '*b', '!!str ', '!!binary ', '!foo ', '? ', '|', '>', '#', '"', "'", '---', '...', '%YAML 1.2',
  '1e400', '-1e400', '.nan', '.inf', '-.inf', '0x1F', '0o17', '~', 'null', 'true', '<<: *a', '\u0000', '\uFEFF', 'é', '😀',
);

const special = fc.constantFrom<unknown>(
  Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, Number.MAX_VALUE, Number.MIN_VALUE, 1e400, -1,
  2 ** 53 + 1, '', ' ', '__proto__', 'constructor', null, [], {}, [[[]]], true, 'x'.repeat(300),
);
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), special);

/** All paths (as segment lists) of a JSON-like value. */
function pathsOf(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((item, k) => pathsOf(item, [...prefix, k], out));
  else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) pathsOf(item, [...prefix, key], out);
  return out;
}
const DEFAULT_PATHS = pathsOf(DEFAULT_DATA).filter((path) => path.length > 0);

type Mutation = { kind: 'set'; path: number; value: unknown } | { kind: 'delete'; path: number } | { kind: 'addKey'; path: number; key: string; value: unknown };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), path: fc.nat(), value: anyValue }),
  fc.record({ kind: fc.constant('delete' as const), path: fc.nat() }),
  fc.record({ kind: fc.constant('addKey' as const), path: fc.nat(), key: fc.string({ maxLength: 12 }), value: anyValue }),
);

function mutate(data: unknown, mutations: readonly Mutation[]): unknown {
  const copy = structuredClone(data) as Record<string, unknown>;
  for (const change of mutations) {
    const path = DEFAULT_PATHS[change.path % DEFAULT_PATHS.length]!;
    let parent: unknown = copy;
    for (const segment of path.slice(0, -1)) parent = (parent as Record<string | number, unknown> | undefined)?.[segment];
    if (typeof parent !== 'object' || parent === null) continue;
    const last = path[path.length - 1]!;
    const container = parent as Record<string | number, unknown>;
    if (change.kind === 'set') container[last] = change.value;
    else if (change.kind === 'delete') {
      if (Array.isArray(container) && typeof last === 'number') container.splice(last, 1);
      else delete container[last];
    } else {
      const target = container[last];
      if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
        Object.defineProperty(target, change.key, { value: change.value, enumerable: true, writable: true, configurable: true });
      }
    }
  }
  return copy;
}

describe('loader fuzzing', () => {
  it('random text: a scenario or a ScenarioError', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (text) => wellFormed(loadText(text))), { numRuns: 300 * SCALE, seed: SEED });
  });

  it('random YAML-token soup: a scenario or a ScenarioError', () => {
    fc.assert(fc.property(fc.array(yamlToken, { maxLength: 80 }).map((tokens) => tokens.join('')), (text) => wellFormed(loadText(text))), { numRuns: 400 * SCALE, seed: SEED });
  });

  it('random edits of the default scenario text: a scenario or a ScenarioError', () => {
    const edit = fc.record({ at: fc.nat(DEFAULT_TEXT.length), remove: fc.nat(20), insert: fc.oneof(fc.string({ maxLength: 10 }), yamlToken) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let text = DEFAULT_TEXT;
        for (const { at, remove, insert } of edits) text = text.slice(0, at) + insert + text.slice(at + remove);
        return wellFormed(loadText(text));
      }),
      { numRuns: 200 * SCALE, seed: SEED },
    );
  });

  it('random mutations of the default scenario data (wrong types, NaN/Infinity/1e400, deletions, unknown keys)', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 5 }), (mutations) => {
        const outcome = validateData(mutate(DEFAULT_DATA, mutations));
        // Whatever was accepted is fully valid: re-validating the output finds nothing.
        if (!(outcome instanceof ScenarioError)) expect(() => parseScenario(outcome, FILE)).not.toThrow();
        return wellFormed(outcome);
      }),
      { numRuns: 300 * SCALE, seed: SEED },
    );
  });

  it('random overlays on the default scenario: a scenario or a ScenarioError', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('name', 'periods', 'schemes', 'firms', 'credits', 'discountRate', 'firmTemplates', 'links', 'x'), anyValue, { maxKeys: 3 }), (overlay) => {
        try {
          composeScenario({ file: 'default.yaml', data: DEFAULT_DATA }, [{ file: 'overlay.yaml', data: overlay }]);
        } catch (error) {
          if (!(error instanceof ScenarioError)) throw error;
        }
      }),
      { numRuns: 200 * SCALE, seed: SEED },
    );
  });

  it('alias bombs of random fan-out and depth are stopped quickly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 12 }), (fanOut, depth) => {
        const lines = [`l0: &l0 [${Array(fanOut).fill('"lol"').join(',')}]`];
        for (let level = 1; level < depth; level++) lines.push(`l${level}: &l${level} [${Array(fanOut).fill(`*l${level - 1}`).join(',')}]`);
        const outcome = loadText(lines.join('\n'));
        return outcome instanceof ScenarioError;
      }),
      { numRuns: 60 * SCALE, seed: SEED },
    );
  });

  it('nesting of random depth up to 10,000 levels: a ScenarioError, never a stack overflow', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.constantFrom('[', '{a: ', '- ', 'a:\n'), (depth, opener) => {
        let text: string;
        if (opener === '[') text = '['.repeat(depth) + ']'.repeat(depth);
        else if (opener === '{a: ') text = '{a: '.repeat(depth) + '1' + '}'.repeat(depth);
        else if (opener === '- ') text = '- '.repeat(depth) + '1';
        else text = Array.from({ length: Math.min(depth, 400) }, (_, k) => `${' '.repeat(k)}a:`).join('\n');
        return loadText(text) instanceof ScenarioError;
      }),
      { numRuns: 40 * SCALE, seed: SEED },
    );
  });
});
