/**
 * Checks that need more than one part of a structurally valid scenario: references between parts, list lengths
 * against `periods.count`, and requirements that depend on other options. Every problem is collected (none stops
 * the others) and returned with its path; `parseScenario` turns them into one `ScenarioError`.
 *
 * Firm templates are checked once per template, not once per generated firm, so the work stays proportional to the
 * file's size however many firms the templates generate.
 */
import type { PathIssue, PathSegment } from './formatPath.js';
import { findAllocationRule } from './findAllocationRule.js';
import type { FirmSpec, FirmTemplateSpec, Scenario, SchemeSpec } from './schema.js';
import { splitGeneratedId, templateFirmId, templateIdPrefix } from './templateFirmId.js';

/** Most firms a scenario may define, explicitly and through templates together. */
export const MAX_FIRMS = 1_000_000;

/** An explicit firm or a firm template: the unit the checks work on. */
interface FirmSource {
  /** `['firms', i]` or `['firmTemplates', i]`. */
  at: PathSegment[];
  /** `firms[i]` or `firmTemplates[i]`, for messages. */
  label: string;
  spec: FirmSpec | FirmTemplateSpec;
}

/** `a, b, c` — at most `limit` names, then `…`. */
function listNames(names: readonly string[], limit = 8): string {
  const shown = names.slice(0, limit).map((name) => `"${name}"`).join(', ');
  return names.length > limit ? `${shown}, …` : shown;
}

function listLabels(labels: readonly string[], limit = 5): string {
  const shown = labels.slice(0, limit).join(', ');
  return labels.length > limit ? `${shown} and ${labels.length - limit} more` : shown;
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return count === 1 ? singular : pluralForm;
}

export function crossCheck(scenario: Scenario): PathIssue[] {
  const issues: PathIssue[] = [];
  const add = (segments: PathSegment[], rule: string): void => { issues.push({ segments, rule }); };

  const periodCount = scenario.periods.count;
  const firstYear = scenario.periods.start;
  const lastYear = firstYear + periodCount - 1;
  const sources: FirmSource[] = [
    ...scenario.firms.map((spec, i) => ({ at: ['firms', i], label: `firms[${i}]`, spec })),
    ...scenario.firmTemplates.map((spec, i) => ({ at: ['firmTemplates', i], label: `firmTemplates[${i}]`, spec })),
  ];

  // Firms exist, and not absurdly many.
  if (sources.length === 0) add(['firms'], 'the scenario has no firms: add firms or firmTemplates');
  const firmCount = scenario.firms.length + scenario.firmTemplates.reduce((sum, t) => sum + t.count, 0);
  if (firmCount > MAX_FIRMS) add(['firmTemplates'], `defines ${firmCount} firms in all; at most ${MAX_FIRMS} are allowed`);

  checkIds(scenario, add);

  // Each firm's scheme.
  const schemeIds = scenario.schemes.map((s) => s.id);
  const schemeOf = (spec: FirmSpec | FirmTemplateSpec): string | undefined =>
    spec.scheme ?? (scenario.schemes.length === 1 ? scenario.schemes[0]!.id : undefined);
  for (const source of sources) {
    const scheme = source.spec.scheme;
    if (scheme === undefined) {
      if (scenario.schemes.length > 1) add([...source.at, 'scheme'], `is required when the scenario has more than one scheme (${listNames(schemeIds)})`);
    } else if (!schemeIds.includes(scheme)) {
      add([...source.at, 'scheme'], `unknown scheme "${scheme}" (schemes: ${listNames(schemeIds)})`);
    }
  }

  // Lists given per period have one entry per period.
  const checkPeriodList = (value: unknown, segments: PathSegment[]): void => {
    if (Array.isArray(value) && value.length !== periodCount) {
      add(segments, `must have ${periodCount} ${plural(periodCount, 'entry', 'entries')}, one per period ${firstYear}–${lastYear} (got ${value.length})`);
    }
  };
  for (const source of sources) checkPeriodList(source.spec.output.shocks, [...source.at, 'output', 'shocks']);
  scenario.credits.forEach((credit, i) => checkPeriodList(credit.price, ['credits', i, 'price']));
  scenario.schemes.forEach((scheme, i) => {
    if (scheme.target.type === 'absolute') checkPeriodList(scheme.target.cap, ['schemes', i, 'target', 'cap']);
    checkPeriodList(scheme.priceControls?.floor?.price, ['schemes', i, 'priceControls', 'floor', 'price']);
    checkPeriodList(scheme.priceControls?.ceiling?.price, ['schemes', i, 'priceControls', 'ceiling', 'price']);
  });

  // Credit types: exactly one of price or supply; schemes refer to existing ones.
  const creditIds = scenario.credits.map((c) => c.id);
  scenario.credits.forEach((credit, i) => {
    if (credit.price !== undefined && credit.supply !== undefined) add(['credits', i], 'must have either price or supply, not both');
    if (credit.price === undefined && credit.supply === undefined) add(['credits', i], 'needs either price (exogenous) or supply (a supply curve)');
  });

  // Links.
  scenario.links.forEach((link, i) => {
    if (!schemeIds.includes(link.from)) add(['links', i, 'from'], `unknown scheme "${link.from}" (schemes: ${listNames(schemeIds)})`);
    if (!schemeIds.includes(link.to)) add(['links', i, 'to'], `unknown scheme "${link.to}" (schemes: ${listNames(schemeIds)})`);
    if (link.from === link.to) add(['links', i, 'to'], `must differ from from (both are "${link.from}")`);
  });

  scenario.schemes.forEach((scheme, i) => {
    const covered = sources.filter((source) => schemeOf(source.spec) === scheme.id);
    checkScheme(scheme, i, covered, creditIds, firstYear, lastYear, add);
  });

  // Adaptive expectations need a starting point.
  const adaptiveUsers: string[] = [];
  if (scenario.expectations.strategy === 'adaptive') adaptiveUsers.push('expectations.strategy');
  for (const source of sources) if (source.spec.strategy === 'adaptive') adaptiveUsers.push(`${source.label}.strategy`);
  if (adaptiveUsers.length > 0 && scenario.expectations.initialPrice === undefined) {
    add(['expectations', 'initialPrice'], `is required when the adaptive strategy is used (${listLabels(adaptiveUsers)})`);
  }

  // Step MAC measures with a capital cost need a lifetime to spread it over.
  for (const source of sources) {
    const mac = source.spec.mac;
    if (mac.type !== 'steps') continue;
    mac.measures.forEach((measure, j) => {
      if (measure.capitalCost !== undefined && measure.lifetime === undefined) {
        add([...source.at, 'mac', 'measures', j, 'lifetime'], 'is required with capitalCost');
      }
    });
  }

  return issues;
}

/** Duplicate ids among firms (explicit and generated), schemes and credit types. */
function checkIds(scenario: Scenario, add: (segments: PathSegment[], rule: string) => void): void {
  const templateByPrefix = new Map<string, number>();
  scenario.firmTemplates.forEach((template, i) => {
    const prefix = templateIdPrefix(template);
    const earlier = templateByPrefix.get(prefix);
    if (earlier === undefined) templateByPrefix.set(prefix, i);
    else {
      const key = template.idPrefix === undefined ? 'sector' : 'idPrefix';
      add(['firmTemplates', i, key], `generates ids "${templateFirmId(template, 1)}", … that firmTemplates[${earlier}] also generates (give each template its own idPrefix)`);
    }
  });
  const firmIndex = new Map<string, number>();
  scenario.firms.forEach((firm, i) => {
    const earlier = firmIndex.get(firm.id);
    if (earlier !== undefined) {
      add(['firms', i, 'id'], `duplicate id "${firm.id}" (also firms[${earlier}])`);
      return;
    }
    firmIndex.set(firm.id, i);
    const generated = splitGeneratedId(firm.id);
    if (generated === undefined) return;
    const template = templateByPrefix.get(generated.prefix);
    if (template !== undefined && generated.k <= scenario.firmTemplates[template]!.count) {
      add(['firms', i, 'id'], `duplicate id "${firm.id}" (also generated by firmTemplates[${template}])`);
    }
  });
  for (const [list, label] of [[scenario.schemes, 'schemes'], [scenario.credits, 'credits']] as const) {
    const seen = new Map<string, number>();
    list.forEach((item, i) => {
      const earlier = seen.get(item.id);
      if (earlier === undefined) seen.set(item.id, i);
      else add([label, i, 'id'], `duplicate id "${item.id}" (also ${label}[${earlier}])`);
    });
  }
}

/** Checks within one scheme and against the firms it covers. */
function checkScheme(
  scheme: SchemeSpec,
  i: number,
  covered: readonly FirmSource[],
  creditIds: readonly string[],
  firstYear: number,
  lastYear: number,
  add: (segments: PathSegment[], rule: string) => void,
): void {
  const at: PathSegment[] = ['schemes', i];

  scheme.credits?.forEach((rule, k) => {
    if (!creditIds.includes(rule.type)) {
      const known = creditIds.length > 0 ? `credits: ${listNames(creditIds)}` : 'no credit types are defined in credits';
      add([...at, 'credits', k, 'type'], `unknown credit type "${rule.type}" (${known})`);
    }
  });

  if (scheme.banking?.mode === 'limited' && scheme.banking.limitShare === undefined) {
    add([...at, 'banking', 'limitShare'], 'is required when mode is limited');
  }
  if (scheme.banking !== undefined && scheme.banking.mode !== 'limited' && scheme.banking.limitShare !== undefined) {
    add([...at, 'banking', 'limitShare'], `applies only when mode is limited (mode is ${scheme.banking.mode})`);
  }
  if (scheme.borrowing !== undefined && scheme.borrowing.mode !== 'limited' && scheme.borrowing.limitShare !== undefined) {
    add([...at, 'borrowing', 'limitShare'], `applies only when mode is limited (mode is ${scheme.borrowing.mode})`);
  }
  if (scheme.borrowing?.mode === 'limited' && scheme.borrowing.limitShare === undefined) {
    add([...at, 'borrowing', 'limitShare'], 'is required when mode is limited');
  }

  scheme.carryOver?.forEach((entry, k) => {
    if (entry.afterYear < firstYear || entry.afterYear > lastYear) {
      add([...at, 'carryOver', k, 'afterYear'], `must be a year of the periods, ${firstYear}–${lastYear} (got ${entry.afterYear})`);
    }
  });

  if (scheme.target.type === 'intensity') {
    if (scheme.allocation !== undefined) {
      add([...at, 'allocation'], 'is not used with an intensity target: allowances are intensity × actual output; remove it');
    }
  } else if (scheme.allocation === undefined) {
    add([...at, 'allocation'], 'is required for an absolute target (grandfathering, benchmark or auction rules)');
  }
  const allocation = scheme.target.type === 'absolute' ? scheme.allocation ?? [] : [];

  // Rule order: a catch-all comes last and each sector is listed once, so that matching is unambiguous.
  let catchAll = -1;
  const ruleOfSector = new Map<string, number>();
  allocation.forEach((rule, j) => {
    if (catchAll >= 0) {
      add([...at, 'allocation', j], `is never used: allocation[${catchAll}] has no sectors and already matches every sector not listed before it (put the rule without sectors last)`);
      return;
    }
    if (rule.sectors === undefined) catchAll = j;
    else {
      rule.sectors.forEach((sector, k) => {
        const earlier = ruleOfSector.get(sector);
        if (earlier === undefined) ruleOfSector.set(sector, j);
        else add([...at, 'allocation', j, 'sectors', k], `sector "${sector}" is already matched by allocation[${earlier}]`);
      });
    }
    if (rule.method === 'benchmark' && rule.activity === 'historical' && rule.baseYears === undefined) {
      add([...at, 'allocation', j, 'baseYears'], 'is required when activity is historical');
    }
  });

  // Per-firm requirements of the rule each firm is matched to, and of a per-sector intensity target.
  const uncovered = new Map<string, string[]>();
  const benchmarkMissing = new Map<number, Set<string>>();
  const intensityMissing = new Map<string, string[]>();
  const intensity = scheme.target.type === 'intensity' ? scheme.target.intensity : undefined;
  for (const source of covered) {
    const spec = source.spec;
    const j = scheme.target.type === 'absolute' && scheme.allocation !== undefined ? findAllocationRule(allocation, spec.sector) : -2;
    if (j === -2) {
      // Intensity target (or rules missing altogether, reported above): no allocation rule applies.
    } else if (j < 0) {
      pushTo(uncovered, spec.sector, source.label);
    } else {
      const rule = allocation[j]!;
      const ruleLabel = `schemes[${i}].allocation[${j}]`;
      if (rule.method === 'grandfathering') {
        const missing = rule.baseYears.filter((year) => !hasYear(spec.history?.emissions, year));
        if (missing.length > 0) {
          add([...source.at, 'history', 'emissions'], `has no value for ${plural(missing.length, 'year')} ${missing.join(', ')}, needed by the baseYears of ${ruleLabel} (grandfathering)`);
        }
      } else if (rule.method === 'benchmark') {
        if (rule.activity === 'historical' && rule.baseYears !== undefined) {
          const missing = rule.baseYears.filter((year) => !hasYear(spec.history?.output, year));
          if (missing.length > 0) {
            add([...source.at, 'history', 'output'], `has no value for ${plural(missing.length, 'year')} ${missing.join(', ')}, needed by the baseYears of ${ruleLabel} (benchmark on historical activity)`);
          }
        }
        if (typeof rule.benchmark === 'object' && !Object.hasOwn(rule.benchmark, spec.sector)) {
          let sectors = benchmarkMissing.get(j);
          if (sectors === undefined) benchmarkMissing.set(j, (sectors = new Set()));
          sectors.add(spec.sector);
        }
      }
    }
    if (typeof intensity === 'object' && spec.intensityTarget === undefined && !Object.hasOwn(intensity, spec.sector)) {
      pushTo(intensityMissing, spec.sector, source.label);
    }
  }
  // A per-sector benchmark also needs a value for every sector its rule lists, firms or not.
  allocation.forEach((rule, j) => {
    if (rule.method !== 'benchmark' || typeof rule.benchmark !== 'object' || rule.sectors === undefined) return;
    for (const sector of rule.sectors) {
      if (Object.hasOwn(rule.benchmark, sector)) continue;
      let sectors = benchmarkMissing.get(j);
      if (sectors === undefined) benchmarkMissing.set(j, (sectors = new Set()));
      sectors.add(sector);
    }
  });
  for (const [sector, labels] of uncovered) {
    add([...at, 'allocation'], `no rule covers sector "${sector}" (${listLabels(labels)}); add it to a rule's sectors or add a rule without sectors`);
  }
  for (const [j, sectors] of [...benchmarkMissing].sort((a, b) => a[0] - b[0])) {
    for (const sector of sectors) add([...at, 'allocation', j, 'benchmark'], `no value for sector "${sector}"`);
  }
  for (const [sector, labels] of intensityMissing) {
    add([...at, 'target', 'intensity'], `no value for sector "${sector}" (${listLabels(labels)} ${labels.length === 1 ? 'has' : 'have'} no intensityTarget)`);
  }
}

function hasYear(history: Record<string, number> | undefined, year: number): boolean {
  return history !== undefined && Object.hasOwn(history, String(year));
}

function pushTo(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

