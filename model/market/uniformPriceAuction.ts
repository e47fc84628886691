/**
 * Uniform-price sealed-bid auction of allowances with a reserve price.
 *
 * Bids are (bidder, limit price, quantity). Bids are ranked by price, highest first; the clearing price is the
 * price of the lowest bid that receives allowances (every winner pays it), never below the reserve price. Bids at the
 * clearing price that together ask for more than is left share it in proportion to their quantities (the usual
 * tie rule, e.g. EU Regulation 1031/2010 Art. 7(2) uses random draw; pro rata keeps the model deterministic).
 * Bids below the reserve price are rejected. If the accepted bids ask for less than the volume, the auction is
 * undersubscribed: the unsold volume is returned for the scheme's rule (cancel or carry forward).
 */
export interface AuctionBid {
  bidder: number;
  /** Highest price the bidder pays, currency/t. */
  price: number;
  /** Allowances asked for at that price, t. */
  quantity: number;
}

export interface AuctionResult {
  /** Clearing price, currency/t (the reserve price when every accepted bid is served in full). */
  clearingPrice: number;
  /** Allowances awarded per bid, in the order the bids were given, t. */
  awarded: number[];
  sold: number;
  /** Volume not sold (undersubscription), t. */
  unsold: number;
  revenue: number;
}

export class AuctionError extends Error {
  override readonly name = 'AuctionError';
}

export function uniformPriceAuction(volume: number, reservePrice: number, bids: readonly AuctionBid[]): AuctionResult {
  if (!(volume >= 0) || !Number.isFinite(volume)) throw new AuctionError(`volume must be a finite number ≥ 0, got ${volume}`);
  if (!(reservePrice >= 0) || !Number.isFinite(reservePrice)) throw new AuctionError(`reservePrice must be a finite number ≥ 0, got ${reservePrice}`);
  bids.forEach((bid, k) => {
    if (!(bid.quantity >= 0) || !Number.isFinite(bid.quantity)) throw new AuctionError(`bids[${k}].quantity must be a finite number ≥ 0, got ${bid.quantity}`);
    if (!(bid.price >= 0) || !Number.isFinite(bid.price)) throw new AuctionError(`bids[${k}].price must be a finite number ≥ 0, got ${bid.price}`);
  });
  const awarded = bids.map(() => 0);
  // Price levels at or above the reserve, highest first; equal prices form one level.
  const order = bids.map((_, k) => k).filter((k) => bids[k]!.price >= reservePrice && bids[k]!.quantity > 0);
  order.sort((a, b) => bids[b]!.price - bids[a]!.price || a - b);
  let remaining = volume;
  let clearingPrice = reservePrice;
  let position = 0;
  while (position < order.length && remaining > 0) {
    const levelPrice = bids[order[position]!]!.price;
    let end = position;
    let asked = 0;
    while (end < order.length && bids[order[end]!]!.price === levelPrice) asked += bids[order[end++]!]!.quantity;
    const share = asked <= remaining ? 1 : remaining / asked;
    for (let j = position; j < end; j++) awarded[order[j]!] = bids[order[j]!]!.quantity * share;
    remaining -= Math.min(asked, remaining);
    clearingPrice = levelPrice;
    position = end;
  }
  // Undersubscribed: every accepted bid was served in full, so the marginal bid did not set a scarcity price.
  if (remaining > 0) clearingPrice = reservePrice;
  const sold = volume - remaining;
  return { clearingPrice, awarded, sold, unsold: remaining, revenue: sold * clearingPrice };
}
