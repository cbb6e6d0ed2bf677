// Tax-loss harvesting as scenarios: open lots, prices and recent buys in, the harvests proposed
// (or the finding that blocks one) out. Wash-sale windows from IRC §1091 / Treas. Reg. §1.1091-1(a)
// (30 calendar days either side; the same-lot exception, Rev. Rul. 56-602), the UK 30-day rule from
// TCGA s.106A (tax-rules.md 1.1, 2.1, 6.3). Numbers are made up and easy to check by hand.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, sum } from '../src/money.js';
import { findHarvests, type HarvestInput } from '../src/tax/harvest.js';
import { addDays, holdingDays } from '../src/tax/holding-period.js';
import type { AssetClass, OpenLot, TaxTrade } from '../src/tax/types.js';

const d = (value: string | number | Decimal) => new Decimal(value);
const day = (text: string) => new Date(`${text}T00:00:00Z`);
const iso = (date: Date | undefined) => date?.toISOString().slice(0, 10);
const NOW = day('2026-11-20');
const CLASSES: Record<string, AssetClass> = { SPY: 'security', VOO: 'security', IVV: 'security', QQQ: 'security', BTC: 'crypto', ETH: 'crypto' };

/** An open lot and the buy that made it: `quantity` bought on `date` for `cost` in all. */
function bought(lotId: string, asset: string, date: string, quantity: number | Decimal, cost: number | Decimal, venue = 'broker'): { lot: OpenLot; trade: TaxTrade } {
  const at = day(date);
  return {
    lot: { lotId, asset, venue, acquiredAt: at, holdingStart: at, quantity: d(quantity), cost: d(cost) },
    trade: { id: lotId, date: at, side: 'buy', asset, assetClass: CLASSES[asset] ?? 'security', quantity: d(quantity), total: d(cost), fee: d(0), venue },
  };
}

/** Defaults: US, SPY at $400, VOO $370, IVV $440, BTC $50,000; min loss $100; SPY -> [VOO, IVV]. */
function harvest(held: { lot: OpenLot; trade: TaxTrade }[], over: Partial<HarvestInput> = {}) {
  return findHarvests({
    now: NOW,
    jurisdiction: 'US',
    openLots: held.map((h) => h.lot),
    prices: new Map([['SPY', d(400)], ['VOO', d(370)], ['IVV', d(440)], ['QQQ', d(500)], ['BTC', d(50_000)]]),
    assetClass: (asset) => CLASSES[asset] ?? 'security',
    trades: held.map((h) => h.trade),
    minLoss: d(100),
    washSaleDays: 30,
    washSaleScope: 'securities',
    substitutes: new Map([['SPY', ['VOO', 'IVV']]]),
    ...over,
  });
}

/** 10 SPY bought 2025-06-02 for $5,000: worth $4,000 at $400, a $1,000 long-term loss. */
const OLD_LOSS = bought('b1', 'SPY', '2025-06-02', 10, 5000);

describe('tax-loss harvesting (US wash sales, UK 30-day rule)', () => {
  it('harvests a loss lot with its configured SPY -> VOO replacement and the day the same asset is safe to rebuy (sale + 31 days)', () => {
    const result = harvest([OLD_LOSS]);
    expect(result.blocked).toEqual([]);
    expect(result.candidates).toHaveLength(1);
    const [c] = result.candidates;
    expect(c).toMatchObject({ asset: 'SPY', venue: 'broker', lotIds: ['b1'], term: 'long', replacement: 'VOO' });
    expect([c!.quantity, c!.price, c!.proceeds, c!.basis, c!.loss].map(String)).toEqual(['10', '400', '4000', '5000', '1000']);
    expect(iso(c!.rebuySafeFrom)).toBe('2026-12-21');
    expect(result.totalLoss.toFixed()).toBe('1000');
  });

  it('sells only the loss lots of the asset on that venue, never its gain lots (they would offset the loss); each venue is its own harvest', () => {
    const gain = bought('b2', 'SPY', '2024-03-01', 5, 1500); // worth $2,000: a $500 gain
    const even = bought('b3', 'SPY', '2024-04-01', 1, 400); // worth exactly its cost
    const otherVenue = bought('b4', 'SPY', '2025-01-10', 2, 1000, 'ira'); // $200 loss
    const result = harvest([gain, OLD_LOSS, even, otherVenue]);
    expect(result.candidates.map((c) => [c.venue, c.lotIds, c.quantity.toFixed(), c.loss.toFixed()])).toEqual([
      ['broker', ['b1'], '10', '1000'],
      ['ira', ['b4'], '2', '200'],
    ]);
  });

  it('skips a harvest whose loss is below tax.tlh_min_loss, silently; a loss equal to it is harvested', () => {
    const small = bought('b5', 'QQQ', '2025-01-10', 1, 599); // $99 loss at $500
    expect(harvest([small])).toEqual({ candidates: [], blocked: [], totalLoss: d(0) });
    const exact = bought('b6', 'QQQ', '2025-01-10', 1, 600); // $100 loss
    expect(harvest([exact]).candidates.map((c) => c.loss.toFixed())).toEqual(['100']);
  });

  it('blocks a harvest when the asset was bought 10 days ago (the buy is not a lot being sold); still blocked on day 30, harvested on day 31', () => {
    const recent = bought('b7', 'SPY', '2026-11-10', 1, 400); // not a loss lot: it stays, and would be the replacement shares
    const result = harvest([OLD_LOSS, recent]);
    expect(result.candidates).toEqual([]);
    expect(result.blocked).toEqual([
      { severity: 'info', code: 'tax.harvest_blocked', message: 'SPY loss harvest blocked: bought on 2026-11-10 (within 30 days); possible from 2026-12-11.', asset: 'SPY', venue: 'broker' },
    ]);
    expect(harvest([OLD_LOSS, recent], { now: day('2026-12-10') }).candidates).toEqual([]);
    const day31 = harvest([OLD_LOSS, recent], { now: day('2026-12-11') });
    expect(day31.blocked).toEqual([]);
    expect(day31.candidates.map((c) => c.lotIds)).toEqual([['b1']]);
  });

  it('does not block on a recent buy that is itself one of the lots being sold (same-lot exception, Rev. Rul. 56-602)', () => {
    const recentLoss = bought('b8', 'SPY', '2026-11-10', 2, 900); // worth $800: a loss lot, sold with b1
    const result = harvest([OLD_LOSS, recentLoss]);
    expect(result.blocked).toEqual([]);
    expect(result.candidates.map((c) => [c.lotIds, c.loss.toFixed()])).toEqual([[['b1', 'b8'], '1100']]);
  });

  it("term is 'long' only when every lot sold is held more than a year; a mixed sale says 'mixed' and labels each lot (issue #8)", () => {
    const young = bought('b9', 'SPY', '2026-01-05', 1, 500);
    expect(harvest([OLD_LOSS]).candidates[0]?.term).toBe('long');
    expect(harvest([OLD_LOSS, young]).candidates[0]?.term).toBe('mixed');
    // Anniversary day is not more than a year (tax-rules.md 1.2): bought 2025-11-20, sold 2026-11-20.
    expect(harvest([bought('b10', 'SPY', '2025-11-20', 10, 5000)]).candidates[0]?.term).toBe('short');
  });

  it("does not block crypto under wash-sale scope 'securities' (no rebuy date), but does under 'all'", () => {
    const old = bought('c1', 'BTC', '2025-01-10', 1, 60_000); // $10,000 loss
    const recent = bought('c2', 'BTC', '2026-11-10', 0.1, 5000, 'ledger');
    const securities = harvest([old, recent]);
    expect(securities.blocked).toEqual([]);
    expect(securities.candidates.map((c) => [c.asset, c.loss.toFixed(), c.rebuySafeFrom])).toEqual([['BTC', '10000', undefined]]);
    const all = harvest([old, recent], { washSaleScope: 'all' });
    expect(all.candidates).toEqual([]);
    expect(all.blocked.map((b) => b.message)).toEqual(['BTC loss harvest blocked: bought on 2026-11-10 (within 30 days); possible from 2026-12-11.']);
    // Under 'all' a harvested crypto's rebuy date follows the wash-sale window too.
    expect(iso(harvest([old], { washSaleScope: 'all' }).candidates[0]?.rebuySafeFrom)).toBe('2026-12-21');
  });

  it('treats a substantially identical group as one asset: VOO bought recently blocks the SPY harvest', () => {
    const voo = bought('v1', 'VOO', '2026-11-05', 3, 1110, 'other-broker');
    const result = harvest([OLD_LOSS, voo], { identicalGroups: [['SPY', 'VOO']] });
    expect(result.candidates).toEqual([]);
    expect(result.blocked.map((b) => b.message)).toEqual([
      'SPY loss harvest blocked: VOO (substantially identical) bought on 2026-11-05 (within 30 days); possible from 2026-12-06.',
    ]);
    // Without the group VOO is a different security: no block.
    expect(harvest([OLD_LOSS, voo]).candidates.map((c) => c.asset)).toEqual(['SPY']);
  });

  it('blocks a harvest of an asset the same plan buys (or one identical to it); a substitute in the plan is fine', () => {
    const groups = { identicalGroups: [['SPY', 'VOO']] };
    expect(harvest([OLD_LOSS], { plannedBuys: new Set(['SPY']) }).blocked.map((b) => [b.code, b.message])).toEqual([
      ['tax.harvest_blocked', 'SPY loss harvest blocked: this plan buys SPY, which would wash the loss; harvest in a plan that does not buy it.'],
    ]);
    expect(harvest([OLD_LOSS], { ...groups, plannedBuys: new Set(['VOO']) }).blocked.map((b) => b.message)).toEqual([
      'SPY loss harvest blocked: this plan buys VOO (substantially identical), which would wash the loss; harvest in a plan that does not buy it.',
    ]);
    expect(harvest([OLD_LOSS], { plannedBuys: new Set(['IVV']) }).candidates.map((c) => c.asset)).toEqual(['SPY']);
  });

  it('picks the first substitute that is not identical to the asset and not harvested itself; a recent buy of the substitute is fine', () => {
    const recentVoo = bought('v2', 'VOO', '2026-11-15', 1, 370);
    expect(harvest([OLD_LOSS, recentVoo]).candidates[0]?.replacement).toBe('VOO');
    // VOO is identical to SPY: IVV.
    expect(harvest([OLD_LOSS], { identicalGroups: [['SPY', 'VOO']] }).candidates[0]?.replacement).toBe('IVV');
    // VOO is harvested too (buying it would wash that loss): IVV; VOO has no substitute configured.
    const vooLoss = bought('v3', 'VOO', '2025-02-03', 10, 4000); // $300 loss at $370
    expect(harvest([OLD_LOSS, vooLoss]).candidates.map((c) => [c.asset, c.replacement])).toEqual([['SPY', 'IVV'], ['VOO', undefined]]);
    // No usable substitute: no replacement, the harvest stands.
    expect(harvest([OLD_LOSS], { substitutes: new Map([['SPY', ['SPY']]]) }).candidates[0]?.replacement).toBeUndefined();
  });

  it('UK: no look-back (a buy 10 days ago is in the s.104 pool), rebuy safe from day 31 (bed-and-breakfast rule), same substitute advice; a buy in the plan blocks', () => {
    const recent = bought('b7', 'SPY', '2026-11-10', 1, 400);
    const result = harvest([OLD_LOSS, recent], { jurisdiction: 'UK' });
    expect(result.blocked).toEqual([]);
    expect(result.candidates.map((c) => [c.asset, iso(c.rebuySafeFrom), c.replacement])).toEqual([['SPY', '2026-12-21', 'VOO']]);
    expect(harvest([OLD_LOSS], { jurisdiction: 'UK', plannedBuys: new Set(['SPY']) }).blocked.map((b) => b.message)).toEqual([
      'SPY loss harvest blocked: this plan buys SPY, and a UK repurchase within 30 days is matched to the sale (same-day and bed-and-breakfast rules), so no loss would be realised.',
    ]);
  });

  it('DE: no wash rule, so no rebuy date and no block by a recent buy or a planned one; the substitute is still offered', () => {
    const recent = bought('b7', 'SPY', '2026-11-10', 1, 400);
    const result = harvest([OLD_LOSS, recent], { jurisdiction: 'DE', plannedBuys: new Set(['SPY']) });
    expect(result.blocked).toEqual([]);
    expect(result.candidates.map((c) => [c.asset, c.rebuySafeFrom, c.replacement])).toEqual([['SPY', undefined, 'VOO']]);
  });

  it('sorts candidates by loss (largest first), then asset, then venue', () => {
    const result = harvest([
      bought('q1', 'QQQ', '2025-01-10', 2, 1200, 'b'), // $200
      bought('q2', 'QQQ', '2025-01-10', 2, 1200, 'a'), // $200
      bought('i1', 'IVV', '2025-01-10', 1, 640), // $200
      OLD_LOSS, // $1,000
    ]);
    expect(result.candidates.map((c) => `${c.asset}@${c.venue}`)).toEqual(['SPY@broker', 'IVV@broker', 'QQQ@a', 'QQQ@b']);
    expect(result.totalLoss.toFixed()).toBe('1600');
  });

  it('reports an asset without a current price instead of guessing', () => {
    const result = harvest([bought('e1', 'ETH', '2025-01-10', 1, 4000)]);
    expect(result.candidates).toEqual([]);
    expect(result.blocked).toEqual([
      { severity: 'info', code: 'tax.harvest_no_price', message: 'ETH: no current price, so its lots were not checked for a loss to harvest.', asset: 'ETH' },
    ]);
  });

  it('properties (US): loss = basis - proceeds >= min loss; only loss lots, all of them; never an asset bought in the window; nothing eligible goes missing', () => {
    const ASSETS = ['SPY', 'VOO', 'IVV', 'BTC'];
    const GROUPS = [['SPY', 'VOO']];
    const cents = (max: number) => fc.integer({ min: 1, max }).map((n) => d(n).div(100));
    const lotArb = fc.record({
      asset: fc.constantFrom(...ASSETS),
      venue: fc.constantFrom('a', 'b'),
      daysAgo: fc.integer({ min: 0, max: 800 }),
      quantity: cents(10_000),
      unitCost: cents(100_000),
    });
    const arb = fc.record({
      lots: fc.array(lotArb, { maxLength: 12 }),
      prices: fc.tuple(...ASSETS.map(() => cents(100_000))),
      minLoss: fc.integer({ min: 0, max: 5000 }).map((n) => d(n)),
      scope: fc.constantFrom<'securities' | 'all'>('securities', 'all'),
      planned: fc.subarray(ASSETS),
    });
    fc.assert(
      fc.property(arb, ({ lots, prices: p, minLoss, scope, planned }) => {
        const held = lots.map((l, i) => bought(`L${i}`, l.asset, iso(addDays(NOW, -l.daysAgo))!, l.quantity, l.quantity.times(l.unitCost), l.venue));
        const prices = new Map(ASSETS.map((a, i) => [a, p[i]!]));
        const plannedBuys = new Set(planned);
        const result = harvest(held, { prices, minLoss, washSaleScope: scope, identicalGroups: GROUPS, plannedBuys, substitutes: new Map([['SPY', ['VOO', 'IVV']], ['BTC', ['ETH']]]) });
        const same = (asset: string) => new Set([asset, ...GROUPS.filter((g) => g.includes(asset)).flat()]);
        const inScope = (asset: string) => scope === 'all' || CLASSES[asset] === 'security';
        const isLoss = (lot: OpenLot) => prices.get(lot.asset)!.times(lot.quantity).lt(lot.cost);

        for (const c of result.candidates) {
          expect(c.loss.eq(c.basis.minus(c.proceeds))).toBe(true);
          expect(c.loss.gte(minLoss) && c.loss.gt(0)).toBe(true);
          const group = held.map((h) => h.lot).filter((lot) => lot.asset === c.asset && lot.venue === c.venue);
          const sold = group.filter((lot) => c.lotIds.includes(lot.lotId));
          expect(sold.every(isLoss)).toBe(true);
          expect(sold).toEqual(group.filter(isLoss));
          expect(sum(sold.map((lot) => lot.quantity)).eq(c.quantity)).toBe(true);
          if (c.replacement) expect(same(c.asset).has(c.replacement)).toBe(false);
          if (inScope(c.asset)) {
            const washing = held.filter((h) => same(c.asset).has(h.trade.asset) && !c.lotIds.includes(h.trade.id) && holdingDays(h.trade.date, NOW) <= 30);
            expect(washing).toEqual([]);
            expect([...same(c.asset)].some((a) => plannedBuys.has(a))).toBe(false);
          }
        }
        // Every asset/venue whose loss lots reach the minimum is either proposed or blocked.
        const eligible = new Set(
          held.filter((h) => isLoss(h.lot)).map((h) => `${h.lot.asset}@${h.lot.venue}`).filter((key) => {
            const lotsHere = held.map((h) => h.lot).filter((lot) => `${lot.asset}@${lot.venue}` === key && isLoss(lot));
            return sum(lotsHere.map((lot) => lot.cost.minus(prices.get(lot.asset)!.times(lot.quantity)))).gte(minLoss);
          }),
        );
        const accounted = [...result.candidates.map((c) => `${c.asset}@${c.venue}`), ...result.blocked.map((b) => `${b.asset}@${b.venue}`)];
        expect(accounted.sort()).toEqual([...eligible].sort());
        expect(result.totalLoss.eq(sum(result.candidates.map((c) => c.loss)))).toBe(true);
      }),
      { numRuns: 300, seed: 20261120 },
    );
  });
});
