// The command line, in-process: exit codes, messages on the right stream, files written only on success.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../../cli/main.js';
import type { RunResult } from '../../model/engine/runResult.js';
import { scenarioJsonSchemaText } from '../../model/scenario/scenarioJsonSchema.js';
import { minimalScenario, type Data } from '../scenario/fixtures.js';

const DEFAULT = fileURLToPath(new URL('../../scenarios/default.yaml', import.meta.url));
const AUCTION = fileURLToPath(new URL('../../scenarios/designs/auction.yaml', import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'ets-cli-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

interface Outcome { code: number; stdout: string; stderr: string }

async function ets(...args: string[]): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'ets', ...args], { stdout: (text) => { stdout += text; }, stderr: (text) => { stderr += text; } });
  return { code, stdout, stderr };
}

function scenarioFile(name: string, edit: (scenario: Data) => void = () => {}): string {
  const scenario = minimalScenario();
  edit(scenario);
  const file = join(directory, name);
  writeFileSync(file, stringify(scenario));
  return file;
}

describe('ets --help', () => {
  it.each([
    [[], ['Usage: ets [options] [command]', 'run [options] <scenario>', 'schema [options]', 'Examples:', 'Exit codes']],
    [['run'], ['Usage: ets run [options] <scenario>', '--design <overlay...>', '--out <dir>', '--json', '--quiet', 'Examples:', '$ ets run scenarios/default.yaml']],
    [['schema'], ['Usage: ets schema [options]', '--out <file>', 'Examples:', '$ ets schema --out scenarios/scenario.schema.json']],
  ])('ets %j --help prints usage and examples on stdout and exits 0', async (command, expected) => {
    const outcome = await ets(...command, '--help');
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toBe('');
    for (const text of expected) expect(outcome.stdout).toContain(text);
  });

  it('ets help run is ets run --help', async () => {
    expect(await ets('help', 'run')).toEqual(await ets('run', '--help'));
  });

  it('prints the version', async () => {
    const outcome = await ets('--version');
    expect(outcome).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
  });

  it('without a command prints the help on stderr and exits 2', async () => {
    const outcome = await ets();
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('Usage: ets');
  });
});

describe('bad options: one message on stderr, exit 2', () => {
  it.each([
    [['run'], "error: missing required argument 'scenario'"],
    [['run', 'x.yaml', '--bogus'], "error: unknown option '--bogus'"],
    [['run', 'x.yaml', '--out'], "error: option '-o, --out <dir>' argument missing"],
    [['frobnicate'], "error: unknown command 'frobnicate'"],
  ])('ets %j', async (args, message) => {
    const outcome = await ets(...args);
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toContain(message);
  });
});

describe('ets run', () => {
  it('prints a summary table per scheme and period and the run metrics', async () => {
    const outcome = await ets('run', DEFAULT);
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toBe('');
    const lines = outcome.stdout.split('\n');
    expect(lines[0]).toBe('GX-ETS-like default (FY2026–FY2030) — seed 0, market solved intertemporally (perfect foresight)');
    expect(outcome.stdout).toContain('Scheme gx: GX-ETS Phase 2 (illustrative) — absolute cap');
    expect(lines.find((line) => line.trimStart().startsWith('year'))!.trim().split(/\s{2,}/)).toEqual([
      'year', 'price JPY/t', 'emissions t', 'supply t', 'abatement t', 'auction revenue JPY', 'credits t', 'bank t', 'borrowing t',
    ]);
    for (const year of [2026, 2027, 2028, 2029, 2030]) expect(lines.some((line) => line.startsWith(`  ${year}  `))).toBe(true);
    expect(outcome.stdout).toMatch(/discounted abatement cost +¥[\d,]+\n/);
    expect(outcome.stdout).toMatch(/cost-efficiency ratio +\d\.\d{3} \(1 = least cost\)/);
    expect(outcome.stdout).toMatch(/compliance rate +100\.0 % of firm-periods/);
  });

  it('--out writes result.json atomically (no temporary file left) and says where', async () => {
    const out = join(directory, 'run-out', 'nested');
    const outcome = await ets('run', DEFAULT, '--out', out);
    expect(outcome.code).toBe(0);
    expect(readdirSync(out)).toEqual(['result.json']);
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as RunResult;
    expect(result.schemes).toHaveLength(5);
    expect(result.years).toEqual([2026, 2027, 2028, 2029, 2030]);
    expect(outcome.stdout).toContain(`Result written to ${join(out, 'result.json')}`);
  });

  it('--json prints the run result; --quiet prints nothing', async () => {
    const json = await ets('run', DEFAULT, '--json');
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as RunResult).scenario).toBe('GX-ETS-like default (FY2026–FY2030)');
    expect(await ets('run', DEFAULT, '--quiet')).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('applies --design overlays', async () => {
    const outcome = await ets('run', DEFAULT, '--design', AUCTION, '--json');
    expect(outcome.code).toBe(0);
    const result = JSON.parse(outcome.stdout) as RunResult;
    expect(result.schemes.every((row) => row.freeAllocationBenchmark === 0 && row.freeAllocationGrandfathering === 0)).toBe(true);
  });

  it('an invalid scenario: exit 2, file: path: rule on stderr, no stack trace, no output directory', async () => {
    // 16:5 is the `banking:` key, the deepest part of schemes[0].banking.limitShare that the file has.
    const file = scenarioFile('invalid.yaml', (s) => { s.schemes[0].banking = { mode: 'limited' }; });
    const out = join(directory, 'never-written');
    const outcome = await ets('run', file, '--out', out);
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toBe(`error: ${file}:16:5: schemes[0].banking.limitShare: is required when mode is limited\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('a missing file or a bad overlay: exit 2 naming the file, nothing written', async () => {
    const out = join(directory, 'never-written-2');
    const missing = await ets('run', join(directory, 'nope.yaml'), '--out', out);
    expect(missing).toEqual({ code: 2, stdout: '', stderr: `error: ${join(directory, 'nope.yaml')}: file not found\n` });
    const overlay = join(directory, 'bad-overlay.yaml');
    writeFileSync(overlay, 'discountRate: 2\n');
    const bad = await ets('run', scenarioFile('fine.yaml'), '--design', overlay, '--out', out);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${overlay}: discountRate: must be < 1`);
    expect(existsSync(out)).toBe(false);
  });

  it('--out naming an existing file: exit 2 before running', async () => {
    const file = join(directory, 'a-file');
    writeFileSync(file, 'x');
    expect(await ets('run', DEFAULT, '--out', file)).toEqual({ code: 2, stdout: '', stderr: `error: --out ${file}: exists and is not a directory\n` });
  });

  it('a scenario problem only the engine detects: exit 2 with the path, no stack', async () => {
    const file = scenarioFile('linked.yaml', (s) => {
      s.schemes.push({ ...s.schemes[0], id: 'other', banking: { mode: 'none' } });
      s.firms[0].scheme = 'main';
      s.firms[1].scheme = 'other';
      s.links = [{ from: 'main', to: 'other' }];
    });
    const outcome = await ets('run', file);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toBe(`error: ${file}: schemes[1]: is fully linked with "main" but has different banking or borrowing rules\n`);
  });

  it('an infeasible market: exit 1 with the engine\'s message, no stack, nothing written', async () => {
    const file = scenarioFile('infeasible.yaml', (s) => {
      s.schemes[0].target.cap = 0;
      for (const firm of s.firms) firm.mac.maxAbatement = 1;
      s.market = { maxPrice: 1000 };
    });
    const out = join(directory, 'never-written-3');
    const outcome = await ets('run', file, '--out', out);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/^error: the simulation of .*infeasible\.yaml failed: no price up to market\.maxPrice/);
    expect(outcome.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });
});

describe('ets schema', () => {
  it('prints the JSON Schema, or writes it with --out', async () => {
    const printed = await ets('schema');
    expect(printed).toEqual({ code: 0, stdout: scenarioJsonSchemaText(), stderr: '' });
    const file = join(directory, 'schema.json');
    expect(await ets('schema', '--out', file)).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(file, 'utf8')).toBe(scenarioJsonSchemaText());
  });

  it('--out into a missing directory: exit 2', async () => {
    const outcome = await ets('schema', '--out', join(directory, 'no', 'such', 'schema.json'));
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/^error: --out .*schema\.json: could not write the schema \(ENOENT\)\n$/);
  });
});
