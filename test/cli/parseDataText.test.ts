// The defensive YAML reader: every problem is a ScenarioError with file and line:column, quickly.
import { describe, expect, it } from 'vitest';
import { parseDataText } from '../../cli/parseDataText.js';
import { ScenarioError } from '../../model/scenario/scenarioError.js';

const FILE = 'scenarios/x.yaml';

function errorOf(text: string, options = {}): ScenarioError {
  try {
    parseDataText(text, FILE, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return error as ScenarioError;
  }
  throw new Error('expected a ScenarioError');
}

const BILLION_LAUGHS = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
].join('\n');

describe('parseDataText', () => {
  it('parses YAML and JSON into plain data', () => {
    expect(parseDataText('a: 1\nb: [x, 2.5]\n', FILE).data).toEqual({ a: 1, b: ['x', 2.5] });
    expect(parseDataText('{"a": {"b": null}}', 'x.json').data).toEqual({ a: { b: null } });
    expect(parseDataText('\uFEFFa: 1', FILE).data).toEqual({ a: 1 });
    // Small anchors and aliases are fine.
    expect(parseDataText('m: &m {type: linear, slope: 1}\nn: *m', FILE).data).toEqual({ m: { type: 'linear', slope: 1 }, n: { type: 'linear', slope: 1 } });
  });

  it('reports a syntax error with line and column', () => {
    const error = errorOf('a: 1\nb: [1, 2\nc: 3\n');
    expect(error.issues[0]).toMatchObject({ file: FILE, path: '', line: 3, column: 1 });
    expect(error.issues[0]!.rule).toMatch(/^invalid YAML: /);
    expect(error.message).toMatch(/^scenarios\/x\.yaml:3:1: invalid YAML: /);
    expect(errorOf('a:\n\tb: 1').issues[0]).toMatchObject({ line: 2, column: 1, rule: 'invalid YAML: Tabs are not allowed as indentation' });
  });

  it('rejects duplicate keys (linear check), naming the key and its position', () => {
    expect(errorOf('a: 1\nb:\n  c: 1\n  c: 2\n').issues).toEqual([{ file: FILE, path: '', rule: 'duplicate key "c"', line: 4, column: 3 }]);
    // 1 and "1" are the same key once converted to data.
    expect(errorOf('1: a\n"1": b\n').issues[0]!.rule).toBe('duplicate key "1"');
  });

  it('rejects several documents, unknown tags and YAML 1.1 extras', () => {
    expect(errorOf('a: 1\n---\nb: 2\n').issues[0]!.rule).toMatch(/^invalid YAML: Source contains multiple documents/);
    expect(errorOf('a: !!js/function "x"').issues[0]).toMatchObject({ line: 1, column: 4, rule: 'invalid YAML: Unresolved tag: tag:yaml.org,2002:js/function' });
    expect(errorOf('a: !!binary aGVsbG8=').issues[0]!.rule).toMatch(/^invalid YAML: Unresolved tag/);
    expect(errorOf('a: !!set {x}').issues[0]!.rule).toMatch(/^invalid YAML: Unresolved tag/);
  });

  it('rejects complex keys', () => {
    expect(errorOf('? [a, b]\n: 1\n').issues[0]!.rule).toBe('mapping keys must be plain values (text or numbers), not lists or mappings');
  });

  it('stops a billion-laughs alias bomb', () => {
    const started = performance.now();
    const error = errorOf(BILLION_LAUGHS);
    expect(error.issues[0]!.rule).toBe('too many YAML alias expansions (more than 100); is this a "billion laughs" document?');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('rejects an alias inside the node it refers to', () => {
    expect(errorOf('a: &x [1, *x]').issues[0]).toMatchObject({ rule: 'alias *x is inside the node it refers to (a cycle)', line: 1, column: 11 });
    expect(errorOf('&x {a: {b: *x}}').issues[0]!.rule).toBe('alias *x is inside the node it refers to (a cycle)');
  });

  it('rejects deep nesting: block, flow, and 10,000 levels', () => {
    let block = '';
    for (let k = 0; k < 70; k++) block += `${' '.repeat(k)}a:\n`;
    expect(errorOf(`${block}${' '.repeat(70)}1\n`).issues[0]!.rule).toBe('nesting deeper than 64 levels');
    expect(errorOf(`${'['.repeat(65)}${']'.repeat(65)}`).issues[0]!.rule).toBe('nesting deeper than 64 levels');
    const started = performance.now();
    expect(errorOf(`${'['.repeat(10_000)}${']'.repeat(10_000)}`).issues[0]!.rule).toMatch(/^invalid YAML: nesting too deep|^nesting deeper/);
    expect(errorOf(`${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}`).issues[0]!.rule).toMatch(/^invalid YAML: nesting too deep|^nesting deeper/);
    expect(errorOf('- '.repeat(10_000)).issues[0]!.rule).toMatch(/^invalid YAML: nesting too deep|^nesting deeper/);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('parses a mapping with 50,000 keys in linear time', () => {
    let text = '';
    for (let k = 0; k < 50_000; k++) text += `k${k}: ${k}\n`;
    const started = performance.now();
    expect(Object.keys(parseDataText(text, FILE).data as object)).toHaveLength(50_000);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('keeps numbers YAML cannot represent finitely as such (the scenario check rejects them)', () => {
    expect(parseDataText('a: 1e400\nb: .nan\nc: -.inf', FILE).data).toEqual({ a: Number.POSITIVE_INFINITY, b: Number.NaN, c: Number.NEGATIVE_INFINITY });
  });

  it('locates paths: the key of a mapping entry, a list item, or the deepest part that exists', () => {
    const { locate } = parseDataText('name: x\nschemes:\n  - id: a\n    banking:\n      mode: none\nhistory: {2024: 5}\n', FILE);
    expect(locate(['schemes', 0, 'banking', 'mode'])).toEqual({ line: 5, column: 7 });
    expect(locate(['schemes', 0])).toEqual({ line: 3, column: 5 });
    expect(locate(['schemes', 0, 'banking', 'limitShare'])).toEqual({ line: 4, column: 5 });
    expect(locate(['history', '2024'])).toEqual({ line: 6, column: 11 });
    expect(locate([])).toEqual({ line: 1, column: 1 });
  });
});
