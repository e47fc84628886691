/**
 * Bilateral over-the-counter (相対) trading: counterparties meet at random, and each pair negotiates a deal.
 *
 * Negotiation between two firms (`negotiate`):
 * 1. direction: the party whose value of one more lot exceeds the other's cost of giving one up (net of both
 *    sides' fees) buys; if neither does, there is no deal;
 * 2. quantity: the most whole lots (up to `maxLotsPerDeal` and the seller's holdings) for which the last lot still
 *    gains, i.e. the buyer's value of that lot exceeds the seller's cost of it plus both fees;
 * 3. price: the generalised Nash bargaining solution on the block: with V and K the buyer's average value and the
 *    seller's average cost per tonne of the block and f_b, f_s the fees per tonne, the seller gets the share β
 *    (`bargainingPower`) of the surplus V − K − f_b − f_s: price = K + f_s + β (V − K − f_b − f_s), rounded to the
 *    nearest tick that leaves both sides no worse off (no deal if none does);
 * 4. the buyer's cash bounds the quantity (at that price, fees included).
 *
 * Random matching (`randomPairs`): the participants are shuffled and paired in order (an odd one out waits).
 */
import type { FeeSchedule } from './fees.js';
import type { FirmValuation } from './firmValuation.js';
import { lastTrue } from './lastTrue.js';
import { MicrostructureOptionError, type MarketGrid } from './marketGrid.js';
import { shuffleInPlace, type UniformSource } from './randomStreams.js';

export interface OtcParty {
  /** Account index. */
  trader: number;
  valuation: FirmValuation;
  /** Units held, t. */
  holdings: number;
  /** Cash available, currency. */
  cash: number;
}

export interface OtcDeal {
  buyer: number;
  seller: number;
  priceTicks: number;
  lots: number;
}

export interface OtcOptions {
  /** Seller's share of the surplus, 0…1 (default 0.5: split the difference). */
  bargainingPower?: number;
  /** Most lots per deal (default: no limit). */
  maxLotsPerDeal?: number;
}

export function checkOtcOptions(options: OtcOptions, optionPath = 'otc'): Required<OtcOptions> {
  const bargainingPower = options.bargainingPower ?? 0.5;
  if (!(bargainingPower >= 0 && bargainingPower <= 1)) throw new MicrostructureOptionError(`${optionPath}.bargainingPower`, `must be a number from 0 to 1, got ${bargainingPower}`);
  const maxLotsPerDeal = options.maxLotsPerDeal ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(maxLotsPerDeal) || maxLotsPerDeal < 1) throw new MicrostructureOptionError(`${optionPath}.maxLotsPerDeal`, `must be an integer ≥ 1, got ${maxLotsPerDeal}`);
  return { bargainingPower, maxLotsPerDeal };
}

/** Pairs of positions in `items` after a shuffle: [0,1], [2,3], … */
export function randomPairs<T>(items: readonly T[], random: UniformSource): [T, T][] {
  const shuffled = shuffleInPlace(items.slice(), random);
  const pairs: [T, T][] = [];
  for (let k = 0; k + 1 < shuffled.length; k += 2) pairs.push([shuffled[k]!, shuffled[k + 1]!]);
  return pairs;
}

/** The deal `buyer` and `seller` strike on `lots` lots, or null when no tick price leaves both no worse off. */
function priceBlock(buyer: OtcParty, seller: OtcParty, lots: number, grid: MarketGrid, fees: FeeSchedule, power: number): number | null {
  const tonnes = grid.lotsToQuantity(lots);
  const value = buyer.valuation.buyValue(buyer.holdings, tonnes);
  const cost = seller.valuation.sellValue(seller.holdings, tonnes);
  if (!Number.isFinite(value) && !Number.isFinite(cost)) return null;
  const mid = Number.isFinite(value) ? (Number.isFinite(cost) ? (value + cost) / 2 : value) : cost;
  const fee = fees.feePerTonne(mid, tonnes);
  const surplus = value - cost - 2 * fee;
  if (!(surplus > 0)) return null;
  const target = Number.isFinite(surplus) ? cost + fee + power * surplus : mid;
  const fits = (ticks: number): boolean => {
    const price = grid.ticksToPrice(ticks);
    const f = fees.feePerTonne(price, tonnes);
    return ticks >= 1 && ticks <= grid.maxPriceTicks && price + f <= value && price - f >= cost;
  };
  const nearest = Math.round(target / grid.tickSize);
  for (const ticks of [nearest, nearest - 1, nearest + 1]) if (fits(ticks)) return ticks;
  return null;
}

export function negotiate(a: OtcParty, b: OtcParty, grid: MarketGrid, fees: FeeSchedule, options: OtcOptions = {}): OtcDeal | null {
  const { bargainingPower, maxLotsPerDeal } = checkOtcOptions(options);
  const lotTonnes = grid.lotsToQuantity(1);
  const gainsOnLot = (buyer: OtcParty, seller: OtcParty, k: number): boolean => {
    const value = buyer.valuation.buyValue(buyer.holdings + (k - 1) * lotTonnes, lotTonnes);
    const cost = seller.valuation.sellValue(seller.holdings - (k - 1) * lotTonnes, lotTonnes);
    if (!Number.isFinite(cost)) return false;
    const mid = Number.isFinite(value) ? (value + cost) / 2 : cost;
    return value - cost > 2 * fees.feePerTonne(mid, lotTonnes);
  };
  let buyer: OtcParty;
  let seller: OtcParty;
  if (gainsOnLot(a, b, 1)) [buyer, seller] = [a, b];
  else if (gainsOnLot(b, a, 1)) [buyer, seller] = [b, a];
  else return null;
  const sellable = Math.min(maxLotsPerDeal, Math.floor(seller.holdings / lotTonnes + 1e-9));
  let lots = lastTrue(sellable, (k) => gainsOnLot(buyer, seller, k));
  if (lots < grid.minLots) return null;
  let priceTicks = priceBlock(buyer, seller, lots, grid, fees, bargainingPower);
  // The buyer's cash bounds the quantity; a smaller block is priced again.
  for (let attempt = 0; attempt < 3 && priceTicks !== null; attempt++) {
    const price = grid.ticksToPrice(priceTicks);
    const perLot = lotTonnes * (price + fees.feePerTonne(price, lotTonnes * lots));
    const affordable = Math.floor(buyer.cash / perLot);
    if (affordable >= lots) return { buyer: buyer.trader, seller: seller.trader, priceTicks, lots };
    if (affordable < grid.minLots) return null;
    lots = affordable;
    priceTicks = priceBlock(buyer, seller, lots, grid, fees, bargainingPower);
  }
  return null;
}
