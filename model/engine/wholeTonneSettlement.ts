/**
 * The rounding rule of the registry settlement: turns what the engine decided for one scheme and period (floats) into
 * whole tonnes that conserve units exactly, so that every registry transaction can apply. Pure.
 *
 * ## The rule
 * Every anchored quantity is the floor or the ceiling of the engine's float for the same firm (so it differs by less
 * than 1 t), chosen as follows:
 * 1. **Rounded as given**, largest remainder over the scheme's firms (`roundNearest`, the same as the registry's
 *    `roundConserving`: the total is the rounded total): free allocation, verified emissions (MRV reports whole tonnes), credits used per credit rule and penalty
 *    tonnes; auction offered, auction sold and reserve sold are rounded to the nearest tonne. Then the registry's own
 *    limits are applied: credits at most ⌊share × verified emissions⌋ and ⌊tonnes⌋ (where that limit would cut
 *    the rounded credits, the firm's emissions are rounded up instead of down, so credits lose less than 1 t); a firm the engine found
 *    non-compliant pays the penalty for at least 1 t; auction sold ≤ offered.
 * 2. **Derived** in whole tonnes exactly as the engine derives its floats: make-good owed = round(makeGood × last
 *    period's penalty tonnes); allowances surrendered = max(0, emissions + owed − credits − penalty); the part of the
 *    penalty beyond that ("defaulted": borrowing due and not repaid) settles debt; the obligation the registry
 *    records is emissions + owed + defaulted, so surrendered − obligation = −penalty: the registry finds a firm
 *    compliant exactly when the engine does.
 * 3. **Holdings after surrender** (`afterSurrender`) are where the scheme's units must balance: their total is fixed
 *    by conservation (start holdings + free + advances + government sales − surrendered). They are the floor or
 *    ceiling of the engine's balance after surrender, extra tonnes to the largest fractional parts (largest remainder
 *    with that total, `roundToTotal`). Where the floors and ceilings cannot reach the total, one tonne at a time is
 *    moved, in this order, within its own floor/ceiling: auction sold, reserve sold, free allocation (largest
 *    fractional part first), verified emissions of compliant firms (and with them their surrender), advances
 *    (borrowing), penalty tonnes of non-compliant firms (and with them their surrender). Only if that is
 *    not enough do holdings go beyond their floor/ceiling (`beyondSlack` counts those tonnes; firms that lapse units
 *    absorb them first).
 * 4. **Debt** (borrowing) is the adapter's whole-tonne record of advances: it follows the engine's debt at each step
 *    it changes (advance, penalty settlement, repayment, interest), rounded to the nearest tonne; repayment cancels
 *    held allowances. Lapse: where the engine lapsed, holdings end at its end balance rounded, the rest lapses.
 * 5. **Net purchase** per firm is the residual: end of period = start + free + advance + net purchase − surrendered
 *    − repaid − lapsed, so buyers' purchases equal sellers' sales plus government sales exactly. It may differ from
 *    the engine's by the sum of the other differences (a few tonnes). Government sales go to buyers in proportion to
 *    their net purchase (`apportionWhole`, the registry's `apportion`, like the engine's pro-rata auction), auction first, then reserve; sellers are
 *    matched to the remaining buyers in firm order.
 *
 * Bounds (tested): free allocation, verified emissions, credits, penalty tonnes, holdings after surrender and at the
 * end of the period, and debt differ from the engine's by less than 1 t per firm, unless `beyondSlack` > 0.
 */
import { floorTimes, type Fraction } from '../registry/rules.js';
import { apportionWhole, roundNearest, roundToTotal } from './largestRemainder.js';

/** What the engine decided and booked for one firm in one period (its floats, t). */
export interface FirmFlows {
  freeAllocation: number;
  emissions: number;
  /** Credits used per credit rule of the scheme (exchange rate 1: credits = allowance equivalent). */
  credits: readonly number[];
  penaltyTonnes: number;
  /** The engine's compliance verdict for the firm and period. */
  compliant: boolean;
  borrowed: number;
  settledByPenalty: number;
  repaid: number;
  lapsed: number;
  interest: number;
  /** Balance right after surrender (end balance + repaid + lapsed). */
  afterSurrender: number;
  endBalance: number;
  startDebt: number;
  endDebt: number;
}

/** A firm's whole-tonne position carried into the period. */
export interface FirmStart {
  holdings: number;
  debt: number;
  /** Make-good owed this period, whole tonnes. */
  owed: number;
}

export interface GovernmentFlows {
  auctionOffered: number;
  auctionSold: number;
  reserveSold: number;
  /** Reserve available this period, t (Infinity: unlimited). */
  reserveLimit: number;
}

/** A credit rule's limits as the registry applies them. */
export interface WholeTonneCreditLimit {
  share: Fraction;
  /** Whole tonnes, or Infinity. */
  tonnes: number;
}

export interface FirmSettlement {
  freeAllocation: number;
  /** Future allowances advanced (borrowed) this period. */
  advance: number;
  verifiedEmissions: number;
  /** Credits surrendered per credit rule. */
  credits: number[];
  creditsTotal: number;
  penaltyTonnes: number;
  owed: number;
  allowancesSurrendered: number;
  /** Penalty tonnes beyond the period's obligation: borrowing due and not repaid. */
  defaulted: number;
  /** What the registry records as the period's obligation: verified emissions + owed + defaulted. */
  obligation: number;
  debtSettledByPenalty: number;
  afterSurrender: number;
  repaid: number;
  lapsed: number;
  interest: number;
  /** Allowances held at the end of the period. */
  holdings: number;
  /** Advances outstanding at the end of the period. */
  debt: number;
  /** Allowances bought (> 0) or sold (< 0), including from the government. */
  netPurchase: number;
  auctionPurchase: number;
  reservePurchase: number;
}

export interface TradeLeg {
  /** Indices into the scheme's firms. */
  seller: number;
  buyer: number;
  quantity: number;
}

export interface SchemeSettlement {
  firms: FirmSettlement[];
  auctionOffered: number;
  auctionSold: number;
  reserveSold: number;
  /** Tonnes moved by step 3 of the rule (other than holdings' own floor/ceiling), by quantity. */
  adjustments: { auctionSold: number; reserveSold: number; freeAllocation: number; verifiedEmissions: number; advance: number; penaltyTonnes: number };
  /** Tonnes of holdings placed beyond their floor/ceiling (0 in every case seen so far). */
  beyondSlack: number;
  trades: TradeLeg[];
}

/** Tolerance for float noise in a quantity of size x. */
function noise(x: number): number {
  return 1e-9 * Math.max(1, Math.abs(x));
}

const positive = (x: number): number => (x > 0 ? x : 0);

/**
 * Settles one scheme and period in whole tonnes.
 * @param flows the engine's floats per firm of the scheme
 * @param start each firm's whole-tonne holdings, debt and make-good owed at the start of the period
 * @param government the scheme's auction and reserve figures, t
 * @param limits the registry's credit limits per credit rule of the scheme
 */
export function wholeTonneSettlement(
  flows: readonly FirmFlows[], start: readonly FirmStart[], government: GovernmentFlows, limits: readonly WholeTonneCreditLimit[],
): SchemeSettlement {
  const n = flows.length;
  // 1. Rounded as given.
  const free = roundNearest(flows.map((f) => positive(f.freeAllocation)));
  const emissions = roundNearest(flows.map((f) => positive(f.emissions)));
  const credits: number[][] = flows.map(() => new Array<number>(limits.length).fill(0));
  for (let k = 0; k < limits.length; k++) {
    const rounded = roundNearest(flows.map((f) => positive(f.credits[k] ?? 0)));
    for (let i = 0; i < n; i++) credits[i]![k] = rounded[i]!;
  }
  const creditCap = (k: number, verified: number): number => Math.min(floorTimes(verified, limits[k]!.share), limits[k]!.tonnes);
  for (let i = 0; i < n; i++) {
    // Credits the registry's limit would cut at emissions rounded down: round those emissions up instead.
    for (let k = 0; k < limits.length; k++) if (credits[i]![k]! > creditCap(k, emissions[i]!)) emissions[i] = Math.max(emissions[i]!, Math.ceil(positive(flows[i]!.emissions)));
    for (let k = 0; k < limits.length; k++) credits[i]![k] = Math.min(credits[i]![k]!, creditCap(k, emissions[i]!));
  }
  const nonCompliant = flows.map((_, i) => i).filter((i) => !flows[i]!.compliant);
  const penalty = new Array<number>(n).fill(0);
  const roundedPenalty = roundNearest(nonCompliant.map((i) => positive(flows[i]!.penaltyTonnes)));
  nonCompliant.forEach((i, k) => { penalty[i] = Math.max(1, roundedPenalty[k]!); });

  const offered = Math.round(positive(government.auctionOffered));
  const fullySold = government.auctionSold >= government.auctionOffered - noise(government.auctionOffered);
  let auctionSold = fullySold ? offered : Math.min(offered, Math.round(positive(government.auctionSold)));
  const reserveCap = Number.isFinite(government.reserveLimit) ? Math.floor(government.reserveLimit) : Number.POSITIVE_INFINITY;
  let reserveSold = Math.min(reserveCap, Math.round(positive(government.reserveSold)));

  // 2. Derived: surrender and obligation.
  const creditsTotal = (i: number): number => { let c = 0; for (const x of credits[i]!) c += x; return c; };
  const shortfall = (i: number): number => positive(emissions[i]! + start[i]!.owed - creditsTotal(i));
  const surrendered = (i: number): number => positive(shortfall(i) - penalty[i]!);

  // Debt before trading: advances follow the engine's debt after borrowing.
  const advance = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    const f = flows[i]!;
    if (f.borrowed > noise(f.startDebt + f.borrowed)) advance[i] = positive(Math.round(f.startDebt + f.borrowed) - start[i]!.debt);
  }

  // 4 (first, it does not depend on holdings). Debt: advance → penalty settlement → repayment → interest, each step
  // that changes the engine's debt rounded to its nearest tonne.
  const defaulted = (i: number): number => positive(penalty[i]! - shortfall(i));
  const repaidOf = (i: number): number => {
    const f = flows[i]!;
    if (!(f.repaid > noise(f.afterSurrender))) return 0;
    const debt = start[i]!.debt + advance[i]! - Math.min(start[i]!.debt + advance[i]!, defaulted(i));
    return Math.min(debt, positive(debt - Math.round(f.startDebt + f.borrowed - f.settledByPenalty - f.repaid)));
  };
  // Lapsing firms end at the engine's end balance rounded; their lapse takes what is left.
  const lapsing = flows.map((f) => f.lapsed > noise(f.afterSurrender));
  const keep = flows.map((f, i) => (lapsing[i] ? positive(Math.round(f.endBalance)) : 0));

  // 3. Balance the scheme's units: what firms hold after surrender (end holdings + repaid + lapsed) = available.
  // The free part: end holdings of firms that do not lapse, lapses of firms that do.
  const target = flows.map((f, i) => positive(lapsing[i] ? f.lapsed : f.endBalance));
  let low = 0, high = 0;
  for (const b of target) { low += Math.floor(b); high += Math.ceil(b); }
  let available = auctionSold + reserveSold;
  for (let i = 0; i < n; i++) available += start[i]!.holdings + free[i]! + advance[i]! - surrendered(i) - repaidOf(i) - keep[i]!;
  const adjustments = { auctionSold: 0, reserveSold: 0, freeAllocation: 0, verifiedEmissions: 0, advance: 0, penaltyTonnes: 0 };
  // A lever moves one quantity by one tonne within its own floor and ceiling; it is kept if the units available
  // moved toward balance (an advance or a penalty may also change a repayment, so the balance is recounted).
  const recount = (): number => {
    let total = auctionSold + reserveSold;
    for (let i = 0; i < n; i++) total += start[i]!.holdings + free[i]! + advance[i]! - surrendered(i) - repaidOf(i) - keep[i]!;
    return total;
  };
  const canMove = (value: number, x: number, step: number, least = 0): boolean => (step > 0 ? value + 1 <= Math.ceil(x) : value - 1 >= Math.max(least, Math.floor(x)));
  /** Levers in order of preference; within a kind, the one whose float is closest to the other rounding first. */
  const levers = (step: 1 | -1): { kind: keyof typeof adjustments; index: number; apply: (by: number) => void }[] => {
    const out: { kind: keyof typeof adjustments; index: number; score: number; apply: (by: number) => void }[] = [];
    const g = government;
    if (!fullySold && canMove(auctionSold, g.auctionSold, step) && auctionSold + step <= offered) out.push({ kind: 'auctionSold', index: -1, score: 0, apply: (by) => { auctionSold += by; } });
    if (g.reserveSold > 0 && canMove(reserveSold, g.reserveSold, step) && reserveSold + step <= reserveCap) out.push({ kind: 'reserveSold', index: -1, score: 0, apply: (by) => { reserveSold += by; } });
    const score = (x: number, up: boolean): number => (up ? Math.ceil(x) - x : x - Math.floor(x));
    for (let i = 0; i < n; i++) {
      const f = flows[i]!;
      // More free allocation or advances: more units available.
      if (canMove(free[i]!, positive(f.freeAllocation), step)) out.push({ kind: 'freeAllocation', index: i, score: score(positive(f.freeAllocation), step > 0), apply: (by) => { free[i]! += by; } });
      if (f.borrowed > noise(f.startDebt + f.borrowed) && canMove(start[i]!.debt + advance[i]!, f.startDebt + f.borrowed, step, start[i]!.debt)) {
        out.push({ kind: 'advance', index: i, score: score(f.startDebt + f.borrowed, step > 0), apply: (by) => { advance[i]! += by; } });
      }
      // More emissions: more surrendered, fewer units available (compliant firms; the credit limit must still hold).
      const x = positive(f.emissions);
      if (f.compliant && canMove(emissions[i]!, x, -step)) {
        let capsHold = true;
        for (let k = 0; k < limits.length; k++) if (credits[i]![k]! > creditCap(k, emissions[i]! - step)) capsHold = false;
        if (capsHold) out.push({ kind: 'verifiedEmissions', index: i, score: score(x, step < 0), apply: (by) => { emissions[i]! -= by; } });
      }
      // More penalty tonnes: less surrendered or more debt settled, more units available (non-compliant firms).
      const p = positive(f.penaltyTonnes);
      if (!f.compliant && canMove(penalty[i]!, p, step, 1)) out.push({ kind: 'penaltyTonnes', index: i, score: score(p, step > 0), apply: (by) => { penalty[i]! += by; } });
    }
    const rank: Record<keyof typeof adjustments, number> = { auctionSold: 0, reserveSold: 1, freeAllocation: 2, verifiedEmissions: 3, advance: 4, penaltyTonnes: 5 };
    out.sort((a, c) => rank[a.kind] - rank[c.kind] || a.score - c.score || a.index - c.index);
    return out;
  };
  /** Government sales beyond their floor/ceiling, only to cover a shortage: an undersubscribed auction (up to what
   * was offered) or an open reserve (up to its limit) sells what whole-tonne demand needs. */
  const demandLevers = (): { kind: keyof typeof adjustments; index: number; apply: (by: number) => void }[] => {
    const out: { kind: keyof typeof adjustments; index: number; apply: (by: number) => void }[] = [];
    if (!fullySold && auctionSold + 1 <= offered) out.push({ kind: 'auctionSold', index: -1, apply: (by) => { auctionSold += by; } });
    if (government.reserveSold > 0 && reserveSold + 1 <= reserveCap) out.push({ kind: 'reserveSold', index: -1, apply: (by) => { reserveSold += by; } });
    return out;
  };
  const nudge = (step: 1 | -1, shortage = false): boolean => {
    for (const lever of shortage ? demandLevers() : levers(step)) {
      lever.apply(step);
      const moved = recount() - available;
      if (moved * step > 0) { adjustments[lever.kind] += 1; available += moved; return true; }
      lever.apply(-step);
    }
    return false;
  };
  // Into [Σ floor, Σ ceil] first; then toward the nearest total, so that no shortfall or surplus is carried into the
  // next period where it can be avoided.
  while (available > high && nudge(-1));
  while (available < low && (nudge(1) || nudge(1, true)));
  const aim = Math.min(high, Math.max(low, roundNearest(target).reduce((sum, x) => sum + x, 0)));
  while (available > aim && nudge(-1));
  while (available < aim && nudge(1));

  // Within floors and ceilings; what is left over lapses (surplus: lapsing firms first, then by largest holdings)
  // or, short, comes out of lapses and then the largest holdings (beyond their floor).
  const balanced = roundToTotal(target, Math.min(high, Math.max(low, available)));
  const roundingLapse = new Array<number>(n).fill(0);
  let beyondSlack = 0;
  if (available !== Math.min(high, Math.max(low, available))) {
    const order = flows.map((_, i) => i);
    order.sort((a, c) => Number(lapsing[c]) - Number(lapsing[a]) || balanced[c]! - balanced[a]! || a - c);
    let left = available - Math.min(high, Math.max(low, available));
    for (let step = 0; left !== 0; step++) {
      if (step > n * (Math.abs(left) + 1)) throw new RangeError(`wholeTonneSettlement: firms must surrender ${-left} t more than the scheme has`);
      const i = order[step % n]!;
      if (left > 0) {
        if (lapsing[i]) balanced[i]! += 1; else roundingLapse[i]! += 1;
        left--; beyondSlack++;
      } else if (balanced[i]! > 0) {
        balanced[i]! -= 1; left++; beyondSlack++;
      }
    }
  }

  // 4, 5. Per firm: debt path, end holdings, lapse, net purchase.
  const firms: FirmSettlement[] = [];
  for (let i = 0; i < n; i++) {
    const f = flows[i]!;
    const owed = start[i]!.owed;
    const cTotal = creditsTotal(i);
    const allowancesSurrendered = surrendered(i);
    const defaultedTonnes = defaulted(i);
    let debt = start[i]!.debt + advance[i]!;
    const debtSettledByPenalty = Math.min(debt, defaultedTonnes);
    debt -= debtSettledByPenalty;
    const repaid = repaidOf(i);
    debt -= repaid;
    let interest = 0;
    if (f.interest > noise(f.endDebt)) {
      interest = positive(Math.round(f.endDebt) - debt);
      debt += interest;
    }
    const holdings = lapsing[i] ? keep[i]! : balanced[i]!;
    const lapsed = lapsing[i] ? balanced[i]! : roundingLapse[i]!;
    const afterSurrender = holdings + repaid + lapsed;
    const netPurchase = afterSurrender - start[i]!.holdings - free[i]! - advance[i]! + allowancesSurrendered;
    firms.push({
      freeAllocation: free[i]!, advance: advance[i]!, verifiedEmissions: emissions[i]!, credits: credits[i]!, creditsTotal: cTotal,
      // Non-compliant firms whose credits alone exceed emissions + owed: the obligation covers them too, so that
      // surrendered − obligation is −penalty for every non-compliant firm.
      penaltyTonnes: penalty[i]!, owed, allowancesSurrendered, defaulted: defaultedTonnes,
      obligation: emissions[i]! + owed + defaultedTonnes + (f.compliant ? 0 : positive(allowancesSurrendered + cTotal - emissions[i]! - owed)),
      debtSettledByPenalty, afterSurrender, repaid, lapsed, interest, holdings, debt, netPurchase,
      auctionPurchase: 0, reservePurchase: 0,
    });
  }

  // Government sales to buyers in proportion to their net purchase, auction first; sellers matched to the rest.
  const buyers = firms.map((_, i) => i).filter((i) => firms[i]!.netPurchase > 0);
  const fromGovernment = buyers.length === 0 ? [] : apportionWhole(auctionSold + reserveSold, buyers.map((i) => firms[i]!.netPurchase));
  const fromAuction = buyers.length === 0 ? [] : apportionWhole(auctionSold, fromGovernment);
  buyers.forEach((i, k) => {
    firms[i]!.auctionPurchase = fromAuction[k]!;
    firms[i]!.reservePurchase = fromGovernment[k]! - fromAuction[k]!;
  });
  const trades: TradeLeg[] = [];
  let b = 0;
  let need = 0;
  const nextBuyer = (): void => {
    while (need === 0 && b < buyers.length) {
      const i = buyers[b]!;
      need = firms[i]!.netPurchase - firms[i]!.auctionPurchase - firms[i]!.reservePurchase;
      if (need === 0) b++;
    }
  };
  for (let i = 0; i < n; i++) {
    let selling = -Math.min(0, firms[i]!.netPurchase);
    while (selling > 0) {
      nextBuyer();
      if (b >= buyers.length) throw new RangeError('wholeTonneSettlement: sellers sell more than buyers buy (conservation broken)');
      const quantity = Math.min(selling, need);
      trades.push({ seller: i, buyer: buyers[b]!, quantity });
      selling -= quantity;
      need -= quantity;
      if (need === 0) b++;
    }
  }
  nextBuyer();
  if (b < buyers.length) throw new RangeError('wholeTonneSettlement: buyers buy more than sellers and the government sell (conservation broken)');
  return { firms, auctionOffered: offered, auctionSold, reserveSold, adjustments, beyondSlack, trades };
}
