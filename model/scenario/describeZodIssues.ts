/**
 * Turns zod's structural issues into plain-English rules with paths, one per problem:
 *
 * | zod issue code       | rule                                                   |
 * |----------------------|--------------------------------------------------------|
 * | invalid_type         | `expected number, got string "abc"`, `is required`, `must be a finite number, got Infinity` |
 * | too_small / too_big  | `must be ≥ 0`, `must be < 1`, `must have at least 1 entry`, `must have at most 200 characters` |
 * | invalid_value        | `must be one of unlimited|limited|none, got "z"`, `is required: one of historical|actual` |
 * | invalid_union        | `must be one of absolute|intensity, got "x"` (by `type`), `expected number, list or mapping, got …` |
 * | unrecognized_keys    | `unknown key "foo"` (one issue per key, at the mapping that holds it) |
 * | invalid_format       | the schema's own message, e.g. `must start with a letter …`, plus `(got "1a")` |
 * | invalid_key          | `key "20x3": keys are four-digit years`                |
 *
 * Parse with `{ reportInput: true }` so each issue carries the offending value.
 */
import type { z } from 'zod';
import type { PathIssue, PathSegment } from './formatPath.js';

type ZodIssue = z.core.$ZodIssue;


const TYPE_NAMES: Record<string, string> = {
  number: 'number',
  int: 'integer',
  string: 'string',
  boolean: 'boolean',
  array: 'list',
  tuple: 'list',
  object: 'mapping',
  record: 'mapping',
  null: 'null',
};

/** Describes a value as found in a file: `string "abc"`, `number 1.5`, `list`, `mapping`, `null`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null (an empty value)';
  if (typeof value === 'string') return `string ${quote(value)}`;
  if (typeof value === 'number') return Number.isFinite(value) ? `number ${value}` : String(value);
  if (typeof value === 'boolean') return `boolean ${value}`;
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  return typeof value;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

function formatBound(value: number | bigint): string {
  return typeof value === 'bigint' ? value.toString() : String(value);
}

function countNoun(count: number | bigint, singular: string, plural: string): string {
  return `${formatBound(count)} ${Number(count) === 1 ? singular : plural}`;
}

const SIZED_UNITS: Record<string, [string, string]> = {
  array: ['entry', 'entries'],
  set: ['entry', 'entries'],
  string: ['character', 'characters'],
};

function sizeRule(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, units: [string, string]): string {
  const [singular, plural] = units;
  if (issue.code === 'too_small') {
    if (issue.exact) return `must have exactly ${countNoun(issue.minimum, singular, plural)}`;
    if (Number(issue.minimum) === 1 && issue.inclusive !== false) return issue.origin === 'string' ? 'must not be empty' : `must have at least 1 ${singular}`;
    const least = issue.inclusive === false ? Number(issue.minimum) + 1 : issue.minimum;
    return `must have at least ${countNoun(least, singular, plural)}`;
  }
  if (issue.exact) return `must have exactly ${countNoun(issue.maximum, singular, plural)}`;
  const most = issue.inclusive === false ? Number(issue.maximum) - 1 : issue.maximum;
  return `must have at most ${countNoun(most, singular, plural)}`;
}

function expectedName(expected: string): string {
  return TYPE_NAMES[expected] ?? expected;
}

/** `a`, `a or b`, `a, b or c`. */
function alternatives(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

function literal(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

/** The plain rules for one zod issue (an unrecognized_keys issue gives one per key). */
function describeIssue(issue: ZodIssue, prefix: readonly PathSegment[], out: PathIssue[]): void {
  const segments = [...prefix, ...(issue.path.filter((s) => typeof s !== 'symbol') as PathSegment[])];
  const push = (rule: string, at: PathSegment[] = segments): void => { out.push({ segments: at, rule }); };
  const input = issue.input;
  switch (issue.code) {
    case 'invalid_type': {
      if (input === undefined) return push('is required');
      if ((issue.expected === 'number' || issue.expected === 'int') && typeof input === 'number' && !Number.isFinite(input)) {
        return push(`must be a finite number, got ${String(input)}`);
      }
      if (issue.expected === 'int' && typeof input === 'number') return push(`expected integer, got ${input}`);
      return push(`expected ${expectedName(issue.expected)}, got ${describeValue(input)}`);
    }
    case 'too_small': {
      const units = SIZED_UNITS[issue.origin];
      if (units) return push(sizeRule(issue, units));
      return push(`must be ${issue.inclusive === false ? '>' : '≥'} ${formatBound(issue.minimum)}`);
    }
    case 'too_big': {
      const units = SIZED_UNITS[issue.origin];
      if (units) return push(sizeRule(issue, units));
      return push(`must be ${issue.inclusive === false ? '<' : '≤'} ${formatBound(issue.maximum)}`);
    }
    case 'invalid_value': {
      const got = input === undefined ? '' : `, got ${describeValue(input)}`;
      if (input === undefined && issue.values.length === 1) return push(`is required (must be ${literal(issue.values[0])})`);
      if (input === undefined) return push(`is required: one of ${issue.values.map(literal).join('|')}`);
      if (issue.values.length === 1) return push(`must be ${literal(issue.values[0])}${got}`);
      return push(`must be one of ${issue.values.map(literal).join('|')}${got}`);
    }
    case 'unrecognized_keys':
      for (const key of issue.keys) push(`unknown key ${quote(key)}`);
      return;
    case 'invalid_format': {
      const custom = issue.message !== '' && !issue.message.startsWith('Invalid');
      const rule = custom ? issue.message : issue.pattern ? `must match the pattern ${issue.pattern}` : `must be a valid ${issue.format}`;
      return push(typeof input === 'string' ? `${rule} (got ${quote(input)})` : rule);
    }
    case 'not_multiple_of':
      return push(`must be a multiple of ${issue.divisor}`);
    case 'invalid_key': {
      const keyIssues: PathIssue[] = [];
      for (const inner of issue.issues) describeIssue(inner, [], keyIssues);
      const key = segments[segments.length - 1];
      const at = segments.slice(0, -1);
      for (const inner of keyIssues) push(`key ${quote(String(key))}: ${inner.rule}`, at);
      return;
    }
    case 'invalid_element':
      for (const inner of issue.issues) describeIssue(inner, segments, out);
      return;
    case 'invalid_union': {
      if ('discriminator' in issue && issue.discriminator !== undefined && 'options' in issue && issue.options) {
        const choices = issue.options.map(literal).join('|');
        const value = input !== null && typeof input === 'object' ? (input as Record<string, unknown>)[issue.discriminator] : undefined;
        return push(value === undefined ? `is required: one of ${choices}` : `must be one of ${choices}, got ${describeValue(value)}`);
      }
      if (issue.errors.length === 0) return push('matches more than one of the allowed forms');
      // Every option failed. Options that failed only on the value's type name what was expected; if some option
      // accepted the type and failed deeper, its own issues are the useful ones (the one with fewest issues).
      const expected: string[] = [];
      let deepest: ZodIssue[] | undefined;
      for (const optionIssues of issue.errors) {
        const first = optionIssues[0];
        const atRoot = optionIssues.length === 1 && first !== undefined && first.path.length === 0;
        if (atRoot && first.code === 'invalid_type') expected.push(expectedName(first.expected));
        else if (atRoot && first.code === 'invalid_value') expected.push(...first.values.map((v) => JSON.stringify(v)));
        else if (deepest === undefined || optionIssues.length < deepest.length) deepest = optionIssues;
      }
      if (deepest !== undefined) {
        for (const inner of deepest) describeIssue(inner, segments, out);
        return;
      }
      if (input === undefined) return push('is required');
      return push(`expected ${alternatives([...new Set(expected)])}, got ${describeValue(input)}`);
    }
    case 'custom':
      return push(issue.message);
  }
}

/** Plain rules, with paths, for every issue of a failed zod parse. */
export function describeZodIssues(issues: readonly ZodIssue[]): PathIssue[] {
  const out: PathIssue[] = [];
  for (const issue of issues) describeIssue(issue, [], out);
  return out;
}
