/**
 * Abatement measures with an up-front capital cost keep abating once adopted.
 *
 * A firm decides to adopt a measure when the price covers its levelised cost (running cost plus the capital cost
 * spread over its lifetime). Once adopted the capital is sunk: for the rest of its lifetime the measure runs whenever
 * the price covers its running cost alone. Sequential markets track this stock period by period; the
 * perfect-foresight equilibrium uses levelised costs throughout (a convex approximation of the investment problem).
 */
import type { ResolvedFirm } from '../engine/resolveScenario.js';
import { StepMac } from './macCurve.js';

export class CapitalStock {
  /** Per firm with capital measures: periods of life left per measure id (0: not adopted). */
  private readonly lifeLeft = new Map<number, Int32Array>();

  constructor(firms: readonly ResolvedFirm[]) {
    for (const firm of firms) {
      if (firm.mac instanceof StepMac && firm.mac.measures.some((m) => (m.lifetime ?? 0) > 0)) {
        this.lifeLeft.set(firm.index, new Int32Array(firm.mac.measures.length));
      }
    }
  }

  get isEmpty(): boolean {
    return this.lifeLeft.size === 0;
  }

  /** The firm as it decides this period: adopted measures cost only their running cost. */
  firmView(firm: ResolvedFirm): ResolvedFirm {
    const life = this.lifeLeft.get(firm.index);
    if (life === undefined || !life.some((left) => left > 0)) return firm;
    const mac = firm.mac as StepMac;
    return {
      ...firm,
      mac: new StepMac(mac.measures.map((m) => ({ ...m, unitCost: life[m.id!]! > 0 ? m.runningCost ?? m.unitCost : m.unitCost }))),
    };
  }

  /**
   * Records what the firm abated this period with the curve it decided on: measures run cheapest first; a capital
   * measure that runs and was not adopted is adopted for its lifetime; every adopted measure then ages a period.
   */
  update(decidedFirm: ResolvedFirm, abatement: number): void {
    const life = this.lifeLeft.get(decidedFirm.index);
    if (life === undefined) return;
    const mac = decidedFirm.mac as StepMac;
    let remaining = abatement;
    for (const measure of mac.measures) {
      if (remaining <= 1e-12 * Math.max(1, abatement)) break;
      remaining -= Math.min(remaining, measure.capacity);
      if ((measure.lifetime ?? 0) > 0 && life[measure.id!] === 0) life[measure.id!] = measure.lifetime!;
    }
    for (let k = 0; k < life.length; k++) if (life[k]! > 0) life[k] = life[k]! - 1;
  }
}

