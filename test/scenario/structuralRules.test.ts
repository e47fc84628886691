// The structural pass (zod) in plain English: each zod issue code and the rule text users see, with its path.
import { describe, expect, it } from 'vitest';
import { formatPath, joinPath } from '../../model/scenario/formatPath.js';
import { parseScenario } from '../../model/scenario/parseScenario.js';
import { ScenarioError } from '../../model/scenario/scenarioError.js';
import { FILE, issuesOf, minimalScenario, type Data } from './fixtures.js';

function withScenario(edit: (scenario: Data) => void): Data {
  const scenario = minimalScenario();
  edit(scenario);
  return scenario;
}

describe('structural rules', () => {
  it('unknown key "foo" (at the mapping that holds it, one issue per key)', () => {
    expect(issuesOf(withScenario((s) => { s.foo = 1; s.schemes[0].bankng = {}; }))).toEqual([
      { path: 'schemes[0]', rule: 'unknown key "bankng"' },
      { path: '', rule: 'unknown key "foo"' },
    ]);
  });

  it('is required', () => {
    expect(issuesOf(withScenario((s) => { delete s.periods.count; delete s.discountRate; }))).toEqual([
      { path: 'periods.count', rule: 'is required' },
      { path: 'discountRate', rule: 'is required' },
    ]);
  });

  it('expected <type>, got <what the file has>', () => {
    expect(issuesOf(withScenario((s) => {
      s.periods.start = '2026';
      s.firms[0].output = [10];
      s.schemes = { id: 'main' };
      s.name = 42;
      s.firms[1].emissions.perOutput = null;
      s.firms[1].output.base = true;
    }))).toEqual([
      { path: 'name', rule: 'expected string, got number 42' },
      { path: 'periods.start', rule: 'expected number, got string "2026"' },
      { path: 'firms[0].output', rule: 'expected mapping, got list' },
      { path: 'firms[1].output.base', rule: 'expected number, got boolean true' },
      { path: 'firms[1].emissions.perOutput', rule: 'expected number, got null (an empty value)' },
      { path: 'schemes', rule: 'expected list, got mapping' },
    ]);
  });

  it('expected integer; must be a finite number (NaN, Infinity, 1e400)', () => {
    expect(issuesOf(withScenario((s) => {
      s.periods.count = 2.5;
      s.discountRate = Number.NaN;
      s.firms[0].output.base = Number.POSITIVE_INFINITY;
      s.firms[1].output.base = 1e400;
    }))).toEqual([
      { path: 'periods.count', rule: 'expected integer, got 2.5' },
      { path: 'discountRate', rule: 'must be a finite number, got NaN' },
      { path: 'firms[0].output.base', rule: 'must be a finite number, got Infinity' },
      { path: 'firms[1].output.base', rule: 'must be a finite number, got Infinity' },
    ]);
  });

  it('must be ≥ / > / ≤ / < a bound', () => {
    expect(issuesOf(withScenario((s) => {
      s.discountRate = 1;
      s.periods.count = 0;
      s.firms[0].output.base = 0;
      s.firms[1].emissions.perOutput = -1;
      s.schemes[0].compliancePeriodLength = 51;
    }))).toEqual([
      { path: 'periods.count', rule: 'must be ≥ 1' },
      { path: 'discountRate', rule: 'must be < 1' },
      { path: 'firms[0].output.base', rule: 'must be > 0' },
      { path: 'firms[1].emissions.perOutput', rule: 'must be ≥ 0' },
      { path: 'schemes[0].compliancePeriodLength', rule: 'must be ≤ 50' },
    ]);
  });

  it('size rules for lists and strings', () => {
    expect(issuesOf(withScenario((s) => { s.schemes = []; s.name = ''; }))).toEqual([
      { path: 'name', rule: 'must not be empty' },
      { path: 'schemes', rule: 'must have at least 1 entry' },
    ]);
    expect(issuesOf(withScenario((s) => { s.schemes[0].name = 'x'.repeat(201); s.schemes[0].allocation = []; }))).toEqual([
      { path: 'schemes[0].name', rule: 'must have at most 200 characters' },
      { path: 'schemes[0].allocation', rule: 'must have at least 1 entry' },
    ]);
  });

  it('must be one of a|b|c (enums and discriminators), with the value found', () => {
    expect(issuesOf(withScenario((s) => {
      s.schemes[0].banking = { mode: 'sometimes' };
      s.schemes[0].target = { type: 'relative', cap: 1 };
      s.firms[0].mac = { slope: 1 };
      s.schemes[0].allocation = [{ method: 'benchmark', benchmark: 1 }];
    }))).toEqual([
      { path: 'firms[0].mac.type', rule: 'is required: one of linear|power|steps' },
      { path: 'schemes[0].target.type', rule: 'must be one of absolute|intensity, got string "relative"' },
      { path: 'schemes[0].allocation[0].activity', rule: 'is required: one of historical|actual' },
      { path: 'schemes[0].banking.mode', rule: 'must be one of unlimited|limited|none, got string "sometimes"' },
    ]);
  });

  it('a value of none of the allowed forms (unions) names the forms; a value of one form reports inside it', () => {
    expect(issuesOf(withScenario((s) => {
      s.schemes[0].target.cap = 'lots';
      s.schemes[0].priceControls = { ceiling: { price: 4300, reserve: 'infinite' } };
      s.credits = [{ id: 'jc', price: [1, -2, 3] }];
    }))).toEqual([
      { path: 'schemes[0].target.cap', rule: 'expected number, list or mapping, got string "lots"' },
      { path: 'schemes[0].priceControls.ceiling.reserve', rule: 'expected "unlimited" or number, got string "infinite"' },
      { path: 'credits[0].price[1]', rule: 'must be ≥ 0' },
    ]);
    expect(issuesOf(withScenario((s) => { s.schemes[0].target.cap = { initial: 100, annualReduktion: 0.1 }; }))).toEqual([
      { path: 'schemes[0].target.cap', rule: 'unknown key "annualReduktion"' },
    ]);
  });

  it('format rules quote the schema\'s message and the value; record keys are named', () => {
    expect(issuesOf(withScenario((s) => {
      s.firms[0].id = '1st';
      s.firms[1].history.emissions = { '20x5': 1, 2025: 50, 2024: 50 };
    }))).toEqual([
      { path: 'firms[0].id', rule: 'must start with a letter and use only letters, digits, "_", "-" or "." (got "1st")' },
      { path: 'firms[1].history.emissions', rule: 'key "20x5": keys are four-digit years (got "20x5")' },
    ]);
  });

  it('an empty or non-mapping document', () => {
    expect(issuesOf(null)).toEqual([{ path: '', rule: 'the document is empty; expected a scenario (a mapping with name, periods, schemes, firms, …)' }]);
    expect(issuesOf([1, 2])).toEqual([{ path: '', rule: 'expected mapping, got list' }]);
    expect(issuesOf('name: x')).toEqual([{ path: '', rule: 'expected mapping, got string "name: x"' }]);
  });

  it('reports structural problems only, before cross-checks (which need a sound structure)', () => {
    expect(issuesOf(withScenario((s) => { s.discountRate = -1; s.firms[0].scheme = 'nowhere'; }))).toEqual([
      { path: 'discountRate', rule: 'must be ≥ 0' },
    ]);
  });

  it('adds line and column through a locator', () => {
    try {
      parseScenario(withScenario((s) => { s.discountRate = -1; }), FILE, { locate: (segments) => (segments[0] === 'discountRate' ? { line: 7, column: 3 } : undefined) });
      expect.unreachable();
    } catch (error) {
      expect((error as ScenarioError).issues).toEqual([{ file: FILE, path: 'discountRate', rule: 'must be ≥ 0', line: 7, column: 3 }]);
      expect((error as ScenarioError).message).toBe('scenarios/test.yaml:7:3: discountRate: must be ≥ 0');
    }
  });
});

describe('formatPath', () => {
  it('writes dotted keys and [index], bracketing keys that are not plain words', () => {
    expect(formatPath(['schemes', 0, 'allocation', 1, 'benchmark'])).toBe('schemes[0].allocation[1].benchmark');
    expect(formatPath(['schemes', 0, 'allocation', 'benchmark'])).toBe('schemes[0].allocation.benchmark');
    expect(formatPath(['history', 'emissions', '2024'])).toBe('history.emissions.2024');
    expect(formatPath(['benchmark', 'iron.steel'])).toBe('benchmark["iron.steel"]');
    expect(formatPath([])).toBe('');
    expect(joinPath('firms[0]', 'mac', 'measures', 2)).toBe('firms[0].mac.measures[2]');
    expect(joinPath('', 'firms', 1)).toBe('firms[1]');
  });
});

describe('ScenarioError', () => {
  it('has name, issues, cause, and an optional headline', () => {
    const cause = new Error('root');
    const error = new ScenarioError([{ file: 'a.yaml', path: 'x', rule: 'must be ≥ 0' }, { file: 'a.yaml', path: '', rule: 'invalid YAML: bad', line: 2, column: 5 }], { cause, headline: 'first line' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ScenarioError');
    expect(error.cause).toBe(cause);
    expect(error.message).toBe('first line\na.yaml: x: must be ≥ 0\na.yaml:2:5: invalid YAML: bad');
  });

  it('lists at most 50 issues in the message but keeps all', () => {
    const issues = Array.from({ length: 60 }, (_, k) => ({ file: 'a.yaml', path: `firms[${k}]`, rule: 'r' }));
    const error = new ScenarioError(issues);
    expect(error.issues).toHaveLength(60);
    expect(error.message.split('\n')).toHaveLength(51);
    expect(error.message.endsWith('… and 10 more')).toBe(true);
  });
});
