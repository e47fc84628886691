// A base scenario with overlays, validated whole; problems name the file that introduced them.
import { describe, expect, it } from 'vitest';
import { composeScenario } from '../../model/scenario/composeScenario.js';
import { ScenarioError } from '../../model/scenario/scenarioError.js';
import { deepFreeze, minimalScenario } from './fixtures.js';

const BASE = 'scenarios/base.yaml';

function composeError(...overlays: { file: string; data: unknown }[]): ScenarioError {
  try {
    composeScenario({ file: BASE, data: deepFreeze(minimalScenario()) }, overlays);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return error as ScenarioError;
  }
  throw new Error('expected a ScenarioError');
}

describe('composeScenario', () => {
  it('applies overlays in order and validates the result', () => {
    const scenario = composeScenario({ file: BASE, data: deepFreeze(minimalScenario()) }, [
      { file: 'a.yaml', data: { schemes: [{ id: 'main', banking: { mode: 'limited', limitShare: 0.5 } }] } },
      { file: 'b.yaml', data: { schemes: [{ id: 'main', banking: { limitShare: 0.25 } }], discountRate: 0.05 } },
    ]);
    expect(scenario.schemes[0]!.banking).toEqual({ mode: 'limited', limitShare: 0.25 });
    expect(scenario.discountRate).toBe(0.05);
  });

  it('without overlays is parseScenario of the base', () => {
    expect(composeScenario({ file: BASE, data: minimalScenario() }).name).toBe('minimal');
  });

  it('names the overlay a bad value came from, and every file in the first line', () => {
    const error = composeError(
      { file: 'designs/ok.yaml', data: { discountRate: 0.04 } },
      { file: 'designs/bad.yaml', data: { schemes: [{ id: 'main', banking: { mode: 'limited' } }], periods: { count: 0 } } },
    );
    expect(error.issues).toEqual([{ file: 'designs/bad.yaml', path: 'periods.count', rule: 'must be ≥ 1' }]);
    expect(error.message.split('\n')[0]).toBe('invalid scenario: scenarios/base.yaml + designs/ok.yaml + designs/bad.yaml (base scenario with design overlays applied in order)');
    expect(error.message.split('\n')[1]).toBe('designs/bad.yaml: periods.count: must be ≥ 1');
  });

  it('attributes a cross-check problem to the overlay that caused it', () => {
    const error = composeError({ file: 'designs/limited.yaml', data: { schemes: [{ id: 'main', banking: { mode: 'limited' } }] } });
    expect(error.issues).toEqual([{ file: 'designs/limited.yaml', path: 'schemes[0].banking.limitShare', rule: 'is required when mode is limited' }]);
  });

  it('attributes a problem already in the base to the base', () => {
    const base = minimalScenario();
    base.links = [{ from: 'main', to: 'main' }];
    try {
      composeScenario({ file: BASE, data: base }, [{ file: 'designs/d.yaml', data: { discountRate: 0.01 } }]);
      expect.unreachable();
    } catch (error) {
      expect((error as ScenarioError).issues).toEqual([{ file: BASE, path: 'links[0].to', rule: 'must differ from from (both are "main")' }]);
    }
  });

  it('rejects an overlay that is not a mapping, and reports overlay-level problems with the overlay file', () => {
    expect(composeError({ file: 'designs/list.yaml', data: [1] }).issues).toEqual([
      { file: 'designs/list.yaml', path: '', rule: 'an overlay must be a mapping of the scenario keys it changes, got list' },
    ]);
    expect(composeError({ file: 'designs/del.yaml', data: { firms: [{ id: 'zz', $delete: true }] } }).issues).toEqual([
      { file: 'designs/del.yaml', path: 'firms[0].id', rule: 'no entry with id "zz" to delete' },
    ]);
  });
});
