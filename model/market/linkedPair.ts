/**
 * Two markets joined by a one-way or limited link. The flow f (allowances moving from the exporter to the importer)
 * settles where the prices meet, p_importer(f) = p_exporter(f), unless the link's limit or direction binds first,
 * in which case the prices stay apart (importer's higher). p_importer falls and p_exporter rises with f, so their
 * difference is monotone and the flow is found by `findMonotoneRoot`.
 */
import type { LinkedPair } from '../engine/linkGroups.js';
import { findMonotoneRoot } from './monotoneRoot.js';
import type { PeriodMarket } from './periodMarket.js';

export interface LinkedClearing {
  flow: number;
  importerPrice: number;
  exporterPrice: number;
  importerInfeasible: boolean;
  exporterInfeasible: boolean;
}

export function clearLinkedPair(importer: PeriodMarket, exporter: PeriodMarket, pair: LinkedPair, flowBound: number): LinkedClearing {
  const limit = Math.min(pair.limit, flowBound);
  const lowest = pair.twoWay ? -limit : 0;
  const clearAt = (flow: number): LinkedClearing => {
    const inRoot = importer.clear(flow);
    const exRoot = exporter.clear(-flow);
    return {
      flow,
      importerPrice: inRoot.x,
      exporterPrice: exRoot.x,
      importerInfeasible: inRoot.status === 'aboveUpper',
      exporterInfeasible: exRoot.status === 'aboveUpper',
    };
  };
  const gap = (flow: number): number => {
    const c = clearAt(flow);
    return c.importerPrice - c.exporterPrice;
  };
  if (gap(lowest) <= 0) return clearAt(lowest);
  if (gap(limit) >= 0) return clearAt(limit);
  const root = findMonotoneRoot(
    (flow, out) => {
      const g = gap(flow);
      out.lo = g;
      out.hi = g;
    },
    { lower: lowest, upper: limit, relativeTolerance: 1e-13, absoluteTolerance: 1e-9 },
  );
  return clearAt(root.x);
}
