/**
 * Schemes that trade at one price: full two-way links without an import limit merge their markets into one group
 * (Flachsland et al.'s "full linking"). One-way or limited links connect two groups and keep their prices apart
 * when the limit binds; the engine supports at most one such link per group, which covers pairwise linking such as
 * Tokyo–Saitama.
 */
import type { ResolvedScenario } from './resolveScenario.js';
import { ConfigurationError } from './configurationError.js';

export interface LinkedPair {
  link: number;
  /** Group whose participants may use the other group's allowances. */
  importer: number;
  exporter: number;
  twoWay: boolean;
  limit: number;
}

export interface MarketGroups {
  /** Scheme indices per group, in scheme order. */
  groups: number[][];
  groupOfScheme: number[];
  pairs: LinkedPair[];
}

export class LinkTopologyError extends ConfigurationError {
  override readonly name = 'LinkTopologyError';
}

export function linkGroups(scenario: ResolvedScenario): MarketGroups {
  const parent = scenario.schemes.map((_, s) => s);
  const find = (s: number): number => {
    while (parent[s] !== s) s = parent[s] = parent[parent[s]!]!;
    return s;
  };
  scenario.links.forEach((link) => {
    if (link.twoWay && !Number.isFinite(link.limit)) {
      const a = find(link.from);
      const b = find(link.to);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  });
  const roots = [...new Set(scenario.schemes.map((_, s) => find(s)))].sort((a, b) => a - b);
  const groupOfScheme = scenario.schemes.map((_, s) => roots.indexOf(find(s)));
  const groups = roots.map((_, g) => scenario.schemes.map((_, s) => s).filter((s) => groupOfScheme[s] === g));

  const pairs: LinkedPair[] = [];
  const paired = new Set<number>();
  scenario.links.forEach((link, k) => {
    if (link.twoWay && !Number.isFinite(link.limit)) return;
    const importer = groupOfScheme[link.to]!;
    const exporter = groupOfScheme[link.from]!;
    if (importer === exporter) {
      throw new LinkTopologyError(`links[${k}]`, 'links two schemes that are already fully linked; drop the limit or the link');
    }
    if (paired.has(importer) || paired.has(exporter)) {
      throw new LinkTopologyError(`links[${k}]`, 'a market may have at most one one-way or limited link (pairwise linking)');
    }
    paired.add(importer);
    paired.add(exporter);
    pairs.push({ link: k, importer, exporter, twoWay: link.twoWay, limit: link.limit });
  });
  return { groups, groupOfScheme, pairs };
}
