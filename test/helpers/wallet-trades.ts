// Random trade histories for the per-wallet engines' properties (DE, EU): buys and sells on two
// wallets, a sell taking a share of one wallet's holding (above 100% it must be refused), and
// sometimes naming a lot for specific identification.
import fc from 'fast-check';
import { Decimal } from '../../src/money.js';
import type { AssetClass, TaxTrade } from '../../src/tax/types.js';

const d = (value: string | number) => new Decimal(value);

export function walletTradesArb(classes: Readonly<Record<string, AssetClass>>, maxDaysBetween: number): fc.Arbitrary<TaxTrade[]> {
  const opArb = fc.record({
    buy: fc.integer({ min: 0, max: 9 }).map((n) => n < 4), // 40% buys
    venue: fc.constantFrom('kraken', 'ledger'),
    asset: fc.constantFrom(...Object.keys(classes)),
    pick: fc.nat(), // which non-empty wallet a sell comes from
    qty: fc.integer({ min: 1, max: 5000 }),
    share: fc.integer({ min: 1, max: 110 }), // percent of the wallet a sell takes; above 100 it is refused
    price: fc.integer({ min: 1, max: 100_000 }),
    fee: fc.integer({ min: 0, max: 300 }),
    days: fc.integer({ min: 0, max: maxDaysBetween }),
    ref: fc.option(fc.nat(), { nil: undefined }),
  });
  return fc.array(opArb, { minLength: 2, maxLength: 40, size: 'medium' }).map((ops) => {
    const held = new Map<string, Decimal>();
    const buys: string[] = [];
    let day = 0;
    return ops.map((op, i): TaxTrade => {
      day += op.days;
      const holding = [...held.entries()].filter(([, q]) => q.gt(0));
      const sell = !op.buy && holding.length > 0;
      const key = sell ? holding[op.pick % holding.length]![0] : `${op.venue}/${op.asset}`;
      const [venue = '', asset = ''] = key.split('/');
      const before = held.get(key) ?? d(0);
      const quantity = sell ? Decimal.max(before.times(op.share).div(100).toDecimalPlaces(2, Decimal.ROUND_DOWN), d('0.01')) : d(op.qty).div(100);
      if (!sell) held.set(key, before.plus(quantity));
      else if (quantity.lte(before)) held.set(key, before.minus(quantity));
      const id = `t${i}`;
      if (!sell) buys.push(id);
      const lotRef = sell && op.ref !== undefined ? buys[op.ref % buys.length] : undefined;
      const date = new Date(Date.UTC(2020, 0, 1 + day, i % 24));
      return { id, date, side: sell ? 'sell' : 'buy', asset, assetClass: classes[asset]!, quantity, total: quantity.times(op.price), fee: d(op.fee).div(100), venue, lotRef };
    });
  });
}
