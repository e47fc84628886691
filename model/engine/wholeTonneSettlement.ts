/**
 * The rounding rule of the registry settlement: turns what the engine decided for one scheme and period (floats) into
 * whole tonnes that conserve units exactly, so that every registry transaction can apply. Pure.
 *
 * ## The rule
 * Each quantity below is the floor or the ceiling of the engine's float for the same firm (it differs by less than
 * 1 t), unless said otherwise.
 * 1. **Rounded as given**, largest remainder over the scheme's firms (`roundNearest`: the registry's
 *    `roundConserving`, whose total is the rounded total): free allocation, verified emissions (MRV reports whole
 *    tonnes), credits used per credit rule, penalty tonnes of non-compliant firms (at least 1 t). Auction offered,
 *    auction sold (= offered when the engine sold all) and reserve sold (≤ the reserve limit) to the nearest tonne.
 *    The registry's credit limits then apply: credits ≤ ⌊share × verified emissions⌋ and ≤ ⌊tonnes⌋; where that
 *    would cut a firm's rounded credits, its emissions are rounded up instead, so credits lose less than 1 t.
 * 2. **Derived** in whole tonnes as the engine derives its floats: make-good owed = round(makeGood × last period's
 *    penalty tonnes); allowances surrendered = max(0, emissions + owed − credits − penalty); penalty beyond that
 *    ("defaulted": borrowing due and not repaid) settles debt. The obligation recorded in the registry is emissions
 *    + owed + defaulted (+ any excess of credits for a non-compliant firm), so surrendered − obligation = −penalty:
 *    the registry finds a firm compliant when the engine does (unless step 4 leaves tonnes `uncovered`).
 * 3. **Debt** (borrowing: this adapter's whole-tonne record of advances) follows the engine's debt rounded to the
 *    nearest tonne at each step that changes it: advance, penalty settlement, repayment (which cancels held
 *    allowances), interest.
 * 4. **End holdings** are where the scheme's units balance. Conservation fixes what firms hold after surrender:
 *    start holdings + free allocation + advances + government sales − surrendered. Firms the engine made lapse
 *    allowances end at its end balance rounded, and lapse the rest; the others end at the floor or ceiling of its end
 *    balance, extra tonnes to the largest fractional parts (`roundToTotal`; for lapsing firms the same applies to the
 *    lapse). Where floors and ceilings cannot reach the total, or to keep the scheme's end holdings at their rounded
 *    total so that no difference is carried into the next period, one tonne at a time moves within its own
 *    floor/ceiling, in this order: auction sold, reserve sold, free allocation, verified emissions, penalty tonnes of
 *    non-compliant firms (each changing what is surrendered), then the debt after advances and
 *    after repayment (last, since debt carries into later periods); within a kind, the float nearest the other
 *    rounding first. If the scheme is still short: an undersubscribed auction sells more (up to what it offered) or
 *    an open reserve does (up to its limit), then verified emissions may go a whole tonne below the engine's, or
 *    penalty tonnes a whole tonne above, or the largest holder whose end holdings (or lapse) the engine has at a
 *    whole number ends a tonne below (each at most 1 t from the float). If even that is not enough — the registry's
 *    floored credit limits (⌊share × emissions⌋) can need allowances that no one has — the largest surrenderer
 *    surrenders less and is charged the penalty for it (`uncovered`: the registry then finds it non-compliant by
 *    those tonnes, the only case where its verdict differs from the engine's). A surplus that floors and ceilings
 *    cannot hold lapses (lapsing firms first, then the largest holders); `beyondSlack` counts those tonnes (and any
 *    shortage still left, taken from the largest holdings).
 * 5. **Net purchase** per firm is the residual: end = start + free + advance + net purchase − surrendered − repaid −
 *    lapsed, so buyers' purchases equal sellers' sales plus government sales exactly; it differs from the engine's by
 *    at most the sum of the other differences. Government sales go to buyers in proportion to their net purchase
 *    (`apportionWhole`: the registry's `apportion`, like the engine's pro-rata auction), auction first, then
 *    reserve; sellers are matched to the remaining buyers in firm order.
 *
 * Bounds (tested over random designs): every quantity of steps 1–4 differs from the engine's by at most 1 t per firm
 * and period — end holdings and debt, so bank and borrowing, too — plus, for penalty tonnes and compliance, the
 * `uncovered` tonnes, and for bank and borrowing 1 t per `beyondSlack` tonne of the scheme so far. Both are rare
 * (a few random designs in a thousand, with credit limits or one-period, all-integer designs).
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
  /** Penalty tonnes charged because whole-tonne limits left the scheme without the allowances to surrender (step 4:
   * the registry then finds the firm non-compliant for them even where the engine did not). */
  uncovered: number;
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
  /** Tonnes moved by step 4 of the rule to balance the scheme's units, by quantity. */
  adjustments: { auctionSold: number; reserveSold: number; freeAllocation: number; advance: number; repaid: number; verifiedEmissions: number; penaltyTonnes: number };
  /** Tonnes that lapsed or came out of holdings beyond their floor/ceiling (step 4 of the rule). */
  beyondSlack: number;
  trades: TradeLeg[];
}

/** Float noise the engine's quantities of size x carry (its solvers stop at relative 1e-9 to 1e-13), t. */
function noise(x: number): number {
  return Math.min(1e-6, 1e-8 * Math.max(1, Math.abs(x)));
}

const positive = (x: number): number => (x > 0 ? x : 0);
/** Ceiling and floor that ignore float noise (14.000000000000002 → 14 both ways). */
const up = (x: number): number => Math.ceil(x - noise(x));
const down = (x: number): number => Math.floor(x + noise(x));
/** A non-negative quantity with float noise around whole tonnes removed. */
const clean = (x: number): number => {
  if (!(x > 0)) return 0;
  const whole = Math.round(x);
  return Math.abs(x - whole) <= noise(x) ? whole : x;
};

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
  const free = roundNearest(flows.map((f) => clean(f.freeAllocation)));
  const emissions = roundNearest(flows.map((f) => clean(f.emissions)));
  const credits: number[][] = flows.map(() => new Array<number>(limits.length).fill(0));
  for (let k = 0; k < limits.length; k++) {
    const rounded = roundNearest(flows.map((f) => clean(f.credits[k] ?? 0)));
    for (let i = 0; i < n; i++) credits[i]![k] = rounded[i]!;
  }
  const creditCap = (k: number, verified: number): number => Math.min(floorTimes(verified, limits[k]!.share), limits[k]!.tonnes);
  for (let i = 0; i < n; i++) {
    // Credits the registry's limit would cut at emissions rounded down: round those emissions up instead.
    for (let k = 0; k < limits.length; k++) if (credits[i]![k]! > creditCap(k, emissions[i]!)) emissions[i] = Math.max(emissions[i]!, up(positive(flows[i]!.emissions)));
    for (let k = 0; k < limits.length; k++) credits[i]![k] = Math.min(credits[i]![k]!, creditCap(k, emissions[i]!));
  }
  const nonCompliant = flows.map((_, i) => i).filter((i) => !flows[i]!.compliant);
  const penalty = new Array<number>(n).fill(0);
  const roundedPenalty = roundNearest(nonCompliant.map((i) => clean(flows[i]!.penaltyTonnes)));
  nonCompliant.forEach((i, k) => { penalty[i] = Math.max(1, roundedPenalty[k]!); });

  const offered = Math.round(clean(government.auctionOffered));
  const fullySold = government.auctionSold >= government.auctionOffered - noise(government.auctionOffered);
  let auctionSold = fullySold ? offered : Math.min(offered, Math.round(positive(government.auctionSold)));
  const reserveCap = Number.isFinite(government.reserveLimit) ? Math.floor(government.reserveLimit) : Number.POSITIVE_INFINITY;
  let reserveSold = Math.min(reserveCap, Math.round(positive(government.reserveSold)));

  // 2. Derived: surrender and obligation.
  const creditsTotal = (i: number): number => { let c = 0; for (const x of credits[i]!) c += x; return c; };
  const shortfall = (i: number): number => positive(emissions[i]! + start[i]!.owed - creditsTotal(i));
  const surrendered = (i: number): number => positive(shortfall(i) - penalty[i]!);

  // 3. Debt (this adapter's whole-tonne record of advances) moves at each step where the engine's does: advance,
  // penalty settlement, repayment, interest. The amounts are the differences to the engine's debt after the step,
  // rounded with `roundNearest` (so the scheme's total debt stays within a tonne of the engine's).
  const stepAmounts = (moves: (i: number) => boolean, gap: (i: number) => number): number[] =>
    roundNearest(flows.map((_, i) => (moves(i) ? clean(gap(i)) : 0)));
  const moved = (x: number, scale: number): boolean => x > noise(scale);
  const advance = stepAmounts((i) => moved(flows[i]!.borrowed, flows[i]!.startDebt + flows[i]!.borrowed), (i) => flows[i]!.startDebt + flows[i]!.borrowed - start[i]!.debt);
  const settled = stepAmounts((i) => moved(flows[i]!.settledByPenalty, flows[i]!.startDebt), (i) => start[i]!.debt + advance[i]! - (flows[i]!.startDebt + flows[i]!.borrowed - flows[i]!.settledByPenalty))
    .map((x, i) => Math.min(x, start[i]!.debt + advance[i]!));
  const repaid = stepAmounts((i) => moved(flows[i]!.repaid, flows[i]!.afterSurrender), (i) => start[i]!.debt + advance[i]! - settled[i]! - (flows[i]!.startDebt + flows[i]!.borrowed - flows[i]!.settledByPenalty - flows[i]!.repaid))
    .map((x, i) => Math.min(x, start[i]!.debt + advance[i]! - settled[i]!));
  const interest = stepAmounts((i) => moved(flows[i]!.interest, flows[i]!.endDebt), (i) => flows[i]!.endDebt - (start[i]!.debt + advance[i]! - settled[i]! - repaid[i]!));
  // A firm the engine did not make default on its debt has its penalty within its obligation: round its emissions
  // up where the minimum penalty of 1 t would exceed it.
  for (let i = 0; i < n; i++) {
    if (!flows[i]!.compliant && settled[i]! === 0 && penalty[i]! > shortfall(i)) emissions[i] = Math.max(emissions[i]!, up(positive(flows[i]!.emissions)));
  }
  const defaulted = (i: number): number => positive(penalty[i]! - shortfall(i));

  // Lapsing firms end at the engine's end balance rounded; their lapse takes what is left.
  const lapsing = flows.map((f) => f.lapsed > noise(f.afterSurrender));
  const keep = flows.map((f, i) => (lapsing[i] ? positive(Math.round(f.endBalance)) : 0));

  // 4. Balance the scheme's units: what firms hold after surrender (end holdings + repaid + lapsed) = available.
  // The free part: end holdings of firms that do not lapse, lapses of firms that do.
  const target = flows.map((f, i) => clean(lapsing[i] ? f.lapsed : f.endBalance));
  let low = 0, high = 0;
  for (const b of target) { low += Math.floor(b); high += Math.ceil(b); }
  let available = auctionSold + reserveSold;
  for (let i = 0; i < n; i++) available += start[i]!.holdings + free[i]! + advance[i]! - surrendered(i) - repaid[i]! - keep[i]!;
  const adjustments = { auctionSold: 0, reserveSold: 0, freeAllocation: 0, advance: 0, repaid: 0, verifiedEmissions: 0, penaltyTonnes: 0 };
  // A lever moves one quantity by one tonne within its own floor and ceiling; it is kept if the units available
  // moved toward balance (one that changes nothing, e.g. emissions of a firm whose surrender is already 0, is undone).
  const recount = (): number => {
    let total = auctionSold + reserveSold;
    for (let i = 0; i < n; i++) total += start[i]!.holdings + free[i]! + advance[i]! - surrendered(i) - repaid[i]! - keep[i]!;
    return total;
  };
  const canMove = (value: number, x: number, step: number, least = 0): boolean => (step > 0 ? value + 1 <= up(x) : value - 1 >= Math.max(least, down(x)));
  /** Levers in order of preference; within a kind, the one whose float is closest to the other rounding first. */
  const levers = (step: 1 | -1): { kind: keyof typeof adjustments; index: number; apply: (by: number) => void }[] => {
    const out: { kind: keyof typeof adjustments; index: number; score: number; apply: (by: number) => void }[] = [];
    const g = government;
    if (!fullySold && canMove(auctionSold, g.auctionSold, step) && auctionSold + step <= offered) out.push({ kind: 'auctionSold', index: -1, score: 0, apply: (by) => { auctionSold += by; } });
    if (g.reserveSold > 0 && canMove(reserveSold, g.reserveSold, step) && reserveSold + step <= reserveCap) out.push({ kind: 'reserveSold', index: -1, score: 0, apply: (by) => { reserveSold += by; } });
    const score = (x: number, rising: boolean): number => (rising ? up(x) - x : x - down(x));
    for (let i = 0; i < n; i++) {
      const f = flows[i]!;
      // More free allocation or advances: more units available.
      if (canMove(free[i]!, clean(f.freeAllocation), step)) out.push({ kind: 'freeAllocation', index: i, score: score(clean(f.freeAllocation), step > 0), apply: (by) => { free[i]! += by; } });
      if (advance[i]! + step >= 0 && settled[i]! === 0 && repaid[i]! === 0 && moved(f.borrowed, f.startDebt + f.borrowed) && canMove(start[i]!.debt + advance[i]!, f.startDebt + f.borrowed, step, start[i]!.debt)) {
        out.push({ kind: 'advance', index: i, score: score(f.startDebt + f.borrowed, step > 0), apply: (by) => { advance[i]! += by; } });
      }
      // Less repaid: more units available; the debt after repayment stays the floor or ceiling of the engine's.
      const owedAfterSettling = start[i]!.debt + advance[i]! - settled[i]!;
      if (moved(f.repaid, f.afterSurrender)) {
        const engineDebt = clean(f.startDebt + f.borrowed - f.settledByPenalty - f.repaid);
        if (canMove(owedAfterSettling - repaid[i]!, engineDebt, step) && repaid[i]! - step >= 0 && repaid[i]! - step <= owedAfterSettling) {
          out.push({ kind: 'repaid', index: i, score: score(engineDebt, step > 0), apply: (by) => { repaid[i]! -= by; } });
        }
      }
      // More emissions: more surrendered, fewer units available (the credit limit must still hold).
      const x = clean(f.emissions);
      if (canMove(emissions[i]!, x, -step)) {
        let capsHold = true;
        for (let k = 0; k < limits.length; k++) if (credits[i]![k]! > creditCap(k, emissions[i]! - step)) capsHold = false;
        if (capsHold) out.push({ kind: 'verifiedEmissions', index: i, score: score(x, step < 0), apply: (by) => { emissions[i]! -= by; } });
      }
      // More penalty tonnes: less surrendered, more units available (non-compliant firms).
      const p = clean(f.penaltyTonnes);
      if (!f.compliant && canMove(penalty[i]!, p, step, 1)) out.push({ kind: 'penaltyTonnes', index: i, score: score(p, step > 0), apply: (by) => { penalty[i]! += by; } });
    }
    // Debt carries into later periods: its levers come last.
    const rank: Record<keyof typeof adjustments, number> = { auctionSold: 0, reserveSold: 1, freeAllocation: 2, verifiedEmissions: 3, penaltyTonnes: 4, advance: 5, repaid: 6 };
    out.sort((a, c) => rank[a.kind] - rank[c.kind] || a.score - c.score || a.index - c.index);
    return out;
  };
  /**
   * Only to cover a shortage that floors and ceilings cannot: an undersubscribed auction (up to what was offered) or
   * an open reserve (up to its limit) sells what whole-tonne demand needs; then a firm's verified emissions may be a
   * whole tonne below the engine's (the largest fractional part first), where its credit limit still holds, or a
   * non-compliant firm's penalty a whole tonne above.
   */
  const shortageLevers = (): { kind: keyof typeof adjustments; index: number; apply: (by: number) => void }[] => {
    const out: { kind: keyof typeof adjustments; index: number; apply: (by: number) => void }[] = [];
    if (!fullySold && auctionSold + 1 <= offered) out.push({ kind: 'auctionSold', index: -1, apply: (by) => { auctionSold += by; } });
    if (government.reserveSold > 0 && reserveSold + 1 <= reserveCap) out.push({ kind: 'reserveSold', index: -1, apply: (by) => { reserveSold += by; } });
    const firms: number[] = [];
    for (let i = 0; i < n; i++) {
      const x = clean(flows[i]!.emissions);
      if (emissions[i]! - 1 < x - 1 - 1e-6 || surrendered(i) < 1) continue;
      let capsHold = true;
      for (let k = 0; k < limits.length; k++) if (credits[i]![k]! > creditCap(k, emissions[i]! - 1)) capsHold = false;
      if (capsHold) firms.push(i);
    }
    firms.sort((a, c) => (positive(flows[c]!.emissions) % 1) - (positive(flows[a]!.emissions) % 1) || a - c);
    for (const i of firms) out.push({ kind: 'verifiedEmissions', index: i, apply: (by) => { emissions[i]! -= by; } });
    // Non-compliant firms: the penalty covers a whole tonne more (at most 1 t above the engine's).
    for (let i = 0; i < n; i++) {
      const p = clean(flows[i]!.penaltyTonnes);
      if (!flows[i]!.compliant && penalty[i]! + 1 <= p + 1 + 1e-6 && surrendered(i) >= 1) out.push({ kind: 'penaltyTonnes', index: i, apply: (by) => { penalty[i]! += by; } });
    }
    return out;
  };
  const nudge = (step: 1 | -1, shortage = false): boolean => {
    for (const lever of shortage ? shortageLevers() : levers(step)) {
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
  // Still short: a whole tonne less for the largest holder (or lapse) the engine has at a whole number, which stays
  // within 1 t of it; then, as a last resort (the registry's floored credit limits can need allowances that do not
  // exist), the largest surrenderer surrenders less and pays the penalty for it (`uncovered`).
  const cut = new Array<number>(n).fill(0);
  while (available < low) {
    let best = -1;
    for (let i = 0; i < n; i++) {
      const t = target[i]!;
      if (cut[i]! === 0 && t >= 1 && t === Math.floor(t) && (best < 0 || t > target[best]!)) best = i;
    }
    if (best < 0) break;
    cut[best] = 1;
    low -= 1;
    high -= 1;
  }
  for (let i = 0; i < n; i++) target[i] = target[i]! - cut[i]!;
  const uncovered = new Array<number>(n).fill(0);
  while (available < low) {
    let best = -1;
    for (let i = 0; i < n; i++) if (surrendered(i) >= 1 && (best < 0 || surrendered(i) > surrendered(best))) best = i;
    if (best < 0) break;
    penalty[best]! += 1;
    uncovered[best]! += 1;
    available = recount();
  }
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

  // Per firm: debt, end holdings, lapse, net purchase.
  const firms: FirmSettlement[] = [];
  for (let i = 0; i < n; i++) {
    const owed = start[i]!.owed;
    const cTotal = creditsTotal(i);
    const allowancesSurrendered = surrendered(i);
    const defaultedTonnes = defaulted(i);
    const debt = start[i]!.debt + advance[i]! - settled[i]! - repaid[i]! + interest[i]!;
    const holdings = lapsing[i] ? keep[i]! : balanced[i]!;
    const lapsed = lapsing[i] ? balanced[i]! : roundingLapse[i]!;
    const afterSurrender = holdings + repaid[i]! + lapsed;
    const netPurchase = afterSurrender - start[i]!.holdings - free[i]! - advance[i]! + allowancesSurrendered;
    firms.push({
      freeAllocation: free[i]!, advance: advance[i]!, verifiedEmissions: emissions[i]!, credits: credits[i]!, creditsTotal: cTotal,
      // Non-compliant firms whose credits alone exceed emissions + owed: the obligation covers them too, so that
      // surrendered − obligation is −penalty for every non-compliant firm.
      penaltyTonnes: penalty[i]!, owed, allowancesSurrendered, defaulted: defaultedTonnes,
      obligation: emissions[i]! + owed + defaultedTonnes + (penalty[i]! === 0 ? 0 : positive(allowancesSurrendered + cTotal - emissions[i]! - owed)),
      debtSettledByPenalty: settled[i]!, afterSurrender, repaid: repaid[i]!, lapsed, interest: interest[i]!, uncovered: uncovered[i]!, holdings, debt, netPurchase,
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
