/**
 * Delivery versus payment: both legs or neither. Ledgers: the engine's SimpleLedger for units (accounts 0, 1; 2 is
 * the venue) and the exact CashLedger.
 */
import { describe, expect, it } from 'vitest';
import { SimpleLedger } from '../../model/engine/unitLedger.js';
import { CashLedger, CashLedgerError } from '../../model/microstructure/cashLedger.js';
import { Money } from '../../model/microstructure/money.js';
import { DeliveryVersusPayment, NO_FEE, SettlementError, type UnitTransfers } from '../../model/microstructure/settlement.js';

function ledgers(cash: number[] = [1000, 1000, 0]) {
  const units = new SimpleLedger(3, 1);
  units.issue(0, 100);
  units.distribute(0, 0, 50);
  units.distribute(0, 1, 50);
  const money = new CashLedger(cash);
  return { units, money, dvp: new DeliveryVersusPayment(units, money, 2) };
}
const snapshot = (units: UnitTransfers, money: CashLedger) => [0, 1, 2].map((k) => [units.balance(k), money.balance(k).toString()]);

describe('DeliveryVersusPayment', () => {
  it('settles both legs and pays each side\'s fee to the venue', () => {
    // 10 t at 20/t: buyer 1 pays 200 + fee 1, seller 0 receives 200 − fee 1.
    const { units, money, dvp } = ledgers();
    expect(dvp.settle({ buyer: 1, seller: 0, quantity: 10, amount: new Money(200), buyerFee: new Money(1), sellerFee: new Money(1) })).toEqual({ ok: true });
    expect(snapshot(units, money)).toEqual([[40, '1199'], [60, '799'], [0, '2']]);
  });

  it('a failed unit leg (seller short) leaves both ledgers unchanged', () => {
    const { units, money, dvp } = ledgers();
    const before = snapshot(units, money);
    // The cash leg (600 + fees) is affordable and is posted first; the unit leg then fails and the cash is reversed.
    const outcome = dvp.settle({ buyer: 1, seller: 0, quantity: 60, amount: new Money(600), buyerFee: new Money(5), sellerFee: new Money(5) });
    expect(outcome).toMatchObject({ ok: false, leg: 'units' });
    expect(outcome.ok ? '' : outcome.reason).toContain('LedgerError: transfer: account 0 holds 50 t, cannot give up 60 t');
    expect(snapshot(units, money)).toEqual(before);
  });

  it('a failed cash leg (buyer cannot pay price plus fee) leaves both ledgers unchanged', () => {
    const { units, money, dvp } = ledgers();
    const before = snapshot(units, money);
    const outcome = dvp.settle({ buyer: 1, seller: 0, quantity: 10, amount: new Money(1000), buyerFee: new Money('0.01'), sellerFee: NO_FEE });
    expect(outcome).toMatchObject({ ok: false, leg: 'cash' });
    expect(snapshot(units, money)).toEqual(before);
    expect(money.total().toString()).toBe('2000');
  });

  it('a unit ledger that refuses for its own reasons (e.g. a registry check) leaves the cash unchanged', () => {
    const money = new CashLedger([1000, 1000, 0]);
    const refusing: UnitTransfers = { balance: () => 50, transfer: () => { throw new Error('P09 transfer restricted'); } };
    const dvp = new DeliveryVersusPayment(refusing, money, 2);
    expect(dvp.settle({ buyer: 1, seller: 0, quantity: 10, amount: new Money(200), buyerFee: new Money(3), sellerFee: new Money(4) })).toEqual({ ok: false, leg: 'units', reason: 'Error: P09 transfer restricted' });
    expect([0, 1, 2].map((k) => money.balance(k).toString())).toEqual(['1000', '1000', '0']);
  });

  it('lets the seller pay its fee out of the proceeds', () => {
    const { money, dvp } = ledgers([0, 1000, 0]);
    expect(dvp.settle({ buyer: 1, seller: 0, quantity: 10, amount: new Money(200), buyerFee: NO_FEE, sellerFee: new Money(7) }).ok).toBe(true);
    expect(money.balance(0).toString()).toBe('193');
  });

  it('refuses degenerate instructions without touching either ledger', () => {
    const { units, money, dvp } = ledgers();
    expect(dvp.settle({ buyer: 1, seller: 1, quantity: 10, amount: new Money(1), buyerFee: NO_FEE, sellerFee: NO_FEE })).toMatchObject({ ok: false, leg: 'units' });
    expect(dvp.settle({ buyer: 1, seller: 0, quantity: 0, amount: new Money(1), buyerFee: NO_FEE, sellerFee: NO_FEE })).toMatchObject({ ok: false, leg: 'units' });
    expect(snapshot(units, money)).toEqual([[50, '1000'], [50, '1000'], [0, '0']]);
  });

  it('charges participation costs in cash only, and not beyond the balance', () => {
    const { money, dvp } = ledgers();
    expect(dvp.charge(0, new Money(300))).toEqual({ ok: true });
    expect(dvp.charge(0, new Money(701))).toMatchObject({ ok: false, leg: 'cash' });
    expect([money.balance(0).toString(), money.balance(2).toString()]).toEqual(['700', '300']);
  });

  it('throws SettlementError with the cause when a posted cash leg cannot be reversed (a broken cash ledger)', () => {
    let posts = 0;
    const broken = { balance: () => new Money(0), post: () => { if (++posts > 1) throw new CashLedgerError('ledger offline'); } };
    const refusing: UnitTransfers = { balance: () => 0, transfer: () => { throw new Error('no'); } };
    const dvp = new DeliveryVersusPayment(refusing, broken, 2);
    const attempt = () => dvp.settle({ buyer: 1, seller: 0, quantity: 1, amount: new Money(1), buyerFee: NO_FEE, sellerFee: NO_FEE });
    expect(attempt).toThrow(SettlementError);
    posts = 0;
    try { attempt(); } catch (error) {
      expect(error).toMatchObject({ name: 'SettlementError', message: 'cash leg of a failed delivery 0 → 1 (1 t) could not be reversed' });
      expect((error as Error).cause).toBeInstanceOf(CashLedgerError);
    }
  });
});

describe('CashLedger', () => {
  it('applies a list of movements atomically: a later failing movement undoes nothing because nothing was applied', () => {
    const money = new CashLedger([100, 0, 0]);
    expect(() => money.post([{ from: 0, to: 1, amount: new Money(60) }, { from: 1, to: 2, amount: new Money(61) }])).toThrow('movements[1]: account 1 holds 60, cannot pay 61');
    expect([0, 1, 2].map((k) => money.balance(k).toString())).toEqual(['100', '0', '0']);
    money.post([{ from: 0, to: 1, amount: new Money(60) }, { from: 1, to: 2, amount: new Money(60) }]);
    expect([0, 1, 2].map((k) => money.balance(k).toString())).toEqual(['40', '0', '60']);
  });

  it('validates amounts and opening balances', () => {
    expect(() => new CashLedger([1, -1])).toThrow('opening[1]: must be a finite amount ≥ 0, got -1');
    expect(() => new CashLedger([1]).post([{ from: 0, to: 0, amount: new Money(-1) }])).toThrow('movements[0].amount: must be a finite amount ≥ 0, got -1');
    expect(() => new CashLedger([1]).balance(3)).toThrow('no cash account 3');
  });
});
