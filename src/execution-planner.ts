// Intents (value per asset) -> trades a venue will accept. Pure.
// Sells happen where the asset is held, on venues that can trade it (CEX before DEX unless
// prefer_dex). Buys go where a market exists and the quote cash is, counting the worst-case
// proceeds of sells planned on that venue; when the cash sits elsewhere, a transfer of the same
// asset is proposed as a manual step and the buy waits for it. No buy is planned that its venue
// cannot fund at its limit price plus fee, and no cash below the reserve is spent. Amounts are
// floored to each market's step; orders under a venue's minimums or min_trade_value are dropped
// and reported, and the cash they would have moved stays where it is.
import type { Diagnostic } from './diagnostics.js';
import { formatMoney } from './format.js';
import { ceilToStep, Decimal, floorToStep, ONE, ZERO } from './money.js';
import type { MarketRules, OrderSide, VenueKind } from './ports.js';
import type { Holding } from './snapshot.js';
import type { AssetIntent } from './strategies/intent.js';

export interface VenueInfo {
  id: string;
  label: string;
  kind: VenueKind;
  tradable: boolean;
  markets: readonly MarketRules[];
}

export interface PlannedTrade {
  id: string;
  venue: string;
  venueLabel: string;
  market: string;
  side: OrderSide;
  asset: string;
  quote: string;
  quantity: Decimal;
  /** Expected price, in the quote asset. */
  price: Decimal;
  /** The worst price accepted (slippage_tolerance), on the market's price grid; absent for market orders. */
  limitPrice?: Decimal;
  /** quantity x price, in the quote asset. */
  notional: Decimal;
  /** In the reporting currency. */
  value: Decimal;
  /** Estimated, in the quote asset and in the reporting currency. */
  fee: Decimal;
  feeValue: Decimal;
  reason: string;
  /** A transfer that must arrive first. */
  waitsFor?: string;
}

export interface Transfer {
  id: string;
  from: string;
  to: string;
  asset: string;
  amount: Decimal;
  value: Decimal;
  reason: string;
  /** Always true: moving funds between venues is a step for the user, not the rebalancer. */
  manual: true;
}

export interface VenuePlanInput {
  intents: ReadonlyMap<string, AssetIntent>;
  holdings: readonly Holding[];
  /** Reporting-currency prices of every asset involved, quote assets included. */
  prices: ReadonlyMap<string, Decimal>;
  venues: readonly VenueInfo[];
  cashAssets: readonly string[];
  /** Cash value that must remain after the plan (min_cash_reserve x total). */
  reserveValue: Decimal;
  minTradeValue: Decimal;
  preferDex: boolean;
  slippage: Decimal;
  useLimitOrders: boolean;
  currency: string;
  /** Per asset, the venues to sell from first (cheapest in tax first); others follow by preference. */
  sellVenueOrder?: ReadonlyMap<string, readonly string[]> | undefined;
}

export interface VenuePlan {
  trades: PlannedTrade[];
  transfers: Transfer[];
  diagnostics: Diagnostic[];
  /** Holdings once every trade and transfer has happened at the expected prices. */
  holdingsAfter: Holding[];
}

interface Pool {
  venue: string;
  asset: string;
  /** Spendable now, in the asset's units (worst case). */
  available: Decimal;
}

/** Below a cent, a remainder is rounding noise, not a trade or a shortfall worth reporting. */
const DUST = new Decimal('0.01');

export function planVenueTrades(input: VenuePlanInput): VenuePlan {
  const diagnostics: Diagnostic[] = [];
  const worthTrading = (value: Decimal) => value.gte(input.minTradeValue) && value.gte(DUST);
  const trades: PlannedTrade[] = [];
  const transfers: Transfer[] = [];
  const priceOf = (asset: string) => input.prices.get(asset) ?? (asset === input.currency ? ONE : undefined);
  const venueById = new Map(input.venues.map((venue) => [venue.id, venue]));
  const held = new Map<string, Decimal>();
  for (const holding of input.holdings) held.set(key(holding.venue, holding.asset), (held.get(key(holding.venue, holding.asset)) ?? ZERO).plus(holding.quantity));
  const pools = new Map<string, Pool>();
  const pool = (venue: string, asset: string): Pool => {
    const id = key(venue, asset);
    let found = pools.get(id);
    if (!found) {
      found = { venue, asset, available: venueById.get(venue)?.tradable ? (held.get(id) ?? ZERO) : ZERO };
      pools.set(id, found);
    }
    return found;
  };
  const rank = (venue: VenueInfo, market: MarketRules) => [
    input.preferDex === (venue.kind === 'dex') ? 0 : 1,
    market.takerFee.toNumber(),
  ];
  const byPreference = <T extends { venue: VenueInfo; market: MarketRules }>(a: T, b: T) => {
    const [ra, rb] = [rank(a.venue, a.market), rank(b.venue, b.market)];
    return ra[0]! - rb[0]! || ra[1]! - rb[1]! || a.venue.id.localeCompare(b.venue.id);
  };
  const listings = new Map<string, { venue: VenueInfo; market: MarketRules }[]>();
  for (const venue of input.venues.filter((v) => v.tradable)) {
    for (const market of venue.markets) {
      const list = listings.get(market.base);
      if (list) list.push({ venue, market });
      else listings.set(market.base, [{ venue, market }]);
    }
  }
  const marketsFor = (asset: string) => [...(listings.get(asset) ?? [])];
  for (const holding of input.holdings) pool(holding.venue, holding.asset);
  let cashValue = ZERO;
  for (const holding of input.holdings) if (input.cashAssets.includes(holding.asset)) cashValue = cashValue.plus(holding.quantity.times(priceOf(holding.asset) ?? ZERO));
  let spendable = cashValue.minus(input.reserveValue);
  let nextId = 1;

  const size = (venue: VenueInfo, market: MarketRules, side: OrderSide, wanted: Decimal, reason: string): PlannedTrade | undefined => {
    const basePrice = priceOf(market.base);
    const quotePrice = priceOf(market.quote);
    if (!basePrice || !quotePrice) {
      diagnostics.push({ severity: 'warning', code: 'plan.no_price', asset: market.base, venue: venue.id, message: `No price for ${!basePrice ? market.base : market.quote}; ${market.symbol} on ${venue.id} is not traded.` });
      return undefined;
    }
    const price = basePrice.div(quotePrice);
    const limitPrice = input.useLimitOrders
      ? side === 'buy'
        ? ceilToStep(price.times(ONE.plus(input.slippage)), market.priceStep)
        : floorToStep(price.times(ONE.minus(input.slippage)), market.priceStep)
      : undefined;
    const quantity = floorToStep(wanted, market.amountStep);
    const notional = quantity.times(price);
    const value = notional.times(quotePrice);
    const skip = (why: string) => {
      diagnostics.push({
        severity: 'info',
        code: 'plan.skipped',
        asset: market.base,
        venue: venue.id,
        message: `skipped: ${wanted.toSignificantDigits(6).toFixed()} ${market.base} (${formatMoney(wanted.times(basePrice), input.currency)}) ${why} (${side} on ${venue.label})`,
      });
      return undefined;
    };
    if (quantity.lte(0)) return skip(`rounds to 0 at ${venue.label}'s amount step ${market.amountStep.toFixed()}`);
    if (value.lt(input.minTradeValue)) return skip(`below min_trade_value ${formatMoney(input.minTradeValue, input.currency, 0)}`);
    if (quantity.lt(market.minAmount)) return skip(`below ${venue.label}'s minimum amount ${market.minAmount.toFixed()} ${market.base}`);
    if (notional.lt(market.minNotional)) return skip(`below ${venue.label}'s minimum order value ${market.minNotional.toFixed()} ${market.quote}`);
    const fee = notional.times(market.takerFee);
    return {
      id: `t${nextId++}`,
      venue: venue.id,
      venueLabel: venue.label,
      market: market.symbol,
      side,
      asset: market.base,
      quote: market.quote,
      quantity,
      price,
      ...(limitPrice ? { limitPrice } : {}),
      notional,
      value,
      fee,
      feeValue: fee.times(quotePrice),
      reason,
    };
  };
  /** What a buy costs at worst, in its quote: limit price (or price) plus fee. */
  const worstCost = (trade: PlannedTrade) => trade.quantity.times(trade.limitPrice ?? trade.price).times(ONE.plus(feeRate(trade)));
  const worstProceeds = (trade: PlannedTrade) => trade.quantity.times(trade.limitPrice ?? trade.price).times(ONE.minus(feeRate(trade)));

  // Sells first: their proceeds fund buys on the same venue.
  const intents = [...input.intents].sort((a, b) => b[1].delta.abs().cmp(a[1].delta.abs()) || a[0].localeCompare(b[0]));
  for (const [asset, intent] of intents.filter(([, i]) => i.delta.lt(0) && i.delta.abs().gte(DUST))) {
    const price = priceOf(asset);
    if (!price) continue;
    let remaining = intent.delta.abs().div(price);
    const taxOrder = input.sellVenueOrder?.get(asset) ?? [];
    const rankOf = (venue: string) => (taxOrder.includes(venue) ? taxOrder.indexOf(venue) : taxOrder.length);
    const candidates = marketsFor(asset)
      .filter(({ venue }) => (held.get(key(venue.id, asset)) ?? ZERO).gt(0))
      .sort((a, b) => rankOf(a.venue.id) - rankOf(b.venue.id) || byPreference(a, b) || (held.get(key(b.venue.id, asset)) ?? ZERO).cmp(held.get(key(a.venue.id, asset)) ?? ZERO));
    let sold = false;
    for (const { venue, market } of candidates) {
      if (remaining.lte(0)) break;
      // What flooring to a step leaves behind is not worth a trade of its own elsewhere.
      if (sold && !worthTrading(remaining.times(price))) break;
      const source = pool(venue.id, asset);
      const take = Decimal.min(remaining, source.available);
      const trade = size(venue, market, 'sell', take, intent.reason);
      if (!trade) continue;
      source.available = source.available.minus(trade.quantity);
      const proceeds = worstProceeds(trade);
      pool(venue.id, market.quote).available = pool(venue.id, market.quote).available.plus(proceeds);
      spendable = spendable.plus(proceeds.times(priceOf(market.quote)!));
      remaining = remaining.minus(trade.quantity);
      trades.push(trade);
      sold = true;
    }
    if (candidates.length === 0) {
      diagnostics.push({ severity: 'warning', code: 'constraint.not_sellable', asset, message: `${asset} cannot be sold: no venue that holds it lists a market for it.` });
    }
  }

  // Buys: locally funded first, then with a transfer of the same cash asset from another venue.
  const shortfalls: { asset: string; value: Decimal; reason: string }[] = [];
  for (const [asset, intent] of intents.filter(([, i]) => i.delta.gte(DUST))) {
    const price = priceOf(asset);
    if (!price) continue;
    let remainingValue = intent.delta;
    const candidates = marketsFor(asset).sort(byPreference);
    if (candidates[0] && remainingValue.lt(input.minTradeValue)) {
      // Sized through the first venue only to report it the same way as every other skipped order.
      size(candidates[0].venue, candidates[0].market, 'buy', remainingValue.div(price), intent.reason);
      continue;
    }
    for (const { venue, market } of candidates) {
      if (!worthTrading(remainingValue)) break;
      const cash = pool(venue.id, market.quote);
      const trade = buyWith(venue, market, cash, remainingValue, intent.reason);
      if (trade) remainingValue = remainingValue.minus(trade.value);
    }
    if (candidates.length === 0) {
      diagnostics.push({ severity: 'warning', code: 'constraint.no_market', asset, message: `${asset} cannot be bought: no tradable venue lists a market for it.` });
    } else if (worthTrading(remainingValue)) {
      shortfalls.push({ asset, value: remainingValue, reason: intent.reason });
    }
  }
  for (const shortfall of shortfalls) {
    const best = marketsFor(shortfall.asset).sort(byPreference)[0]!;
    const quotePrice = priceOf(best.market.quote)!;
    let needed = shortfall.value.div(quotePrice).times(ONE.plus(input.slippage)).times(ONE.plus(best.market.takerFee));
    const sources = [...pools.values()]
      .filter((p) => p.asset === best.market.quote && p.venue !== best.venue.id && p.available.gt(0))
      .sort((a, b) => b.available.cmp(a.available) || a.venue.localeCompare(b.venue));
    let firstTransfer: string | undefined;
    for (const source of sources) {
      if (needed.lte(0)) break;
      const amount = Decimal.min(needed, source.available);
      if (amount.times(quotePrice).lt(input.minTradeValue)) continue;
      const transfer: Transfer = {
        id: `x${transfers.length + 1}`,
        from: source.venue,
        to: best.venue.id,
        asset: source.asset,
        amount,
        value: amount.times(quotePrice),
        reason: `funds the ${shortfall.asset} buy on ${best.venue.label}`,
        manual: true,
      };
      transfers.push(transfer);
      firstTransfer ??= transfer.id;
      source.available = source.available.minus(amount);
      pool(best.venue.id, source.asset).available = pool(best.venue.id, source.asset).available.plus(amount);
      needed = needed.minus(amount);
    }
    let wanted = shortfall.value;
    if (firstTransfer) {
      // One order per market: a buy already planned there from local cash is folded into this one.
      const local = trades.findIndex((t) => t.side === 'buy' && t.venue === best.venue.id && t.market === best.market.symbol);
      if (local >= 0) {
        const [earlier] = trades.splice(local, 1);
        const refund = worstCost(earlier!);
        pool(best.venue.id, best.market.quote).available = pool(best.venue.id, best.market.quote).available.plus(refund);
        spendable = spendable.plus(refund.times(quotePrice));
        wanted = wanted.plus(earlier!.value);
        shortfall.value = shortfall.value.plus(earlier!.value);
      }
    }
    const trade = firstTransfer ? buyWith(best.venue, best.market, pool(best.venue.id, best.market.quote), wanted, shortfall.reason, firstTransfer) : undefined;
    const left = trade ? shortfall.value.minus(trade.value) : shortfall.value;
    if (worthTrading(left)) {
      diagnostics.push({
        severity: 'warning',
        code: 'constraint.unfunded_buy',
        asset: shortfall.asset,
        message: `${formatMoney(left, input.currency)} of the ${shortfall.asset} buy is not planned: no venue listing ${shortfall.asset} has the ${best.market.quote} for it, and no other venue holds spare ${best.market.quote} to move${spendable.lte(0) ? ' (the cash reserve is reached)' : ''}.`,
      });
    }
  }

  function buyWith(venue: VenueInfo, market: MarketRules, cash: Pool, wantedValue: Decimal, reason: string, waitsFor?: string): PlannedTrade | undefined {
    const quotePrice = priceOf(market.quote);
    const price = priceOf(market.base);
    if (!quotePrice || !price) return undefined;
    const budgetValue = Decimal.min(spendable, cash.available.times(quotePrice));
    if (Decimal.min(budgetValue, wantedValue).lt(input.minTradeValue)) return undefined;
    const unitCost = (input.useLimitOrders ? ceilToStep(price.div(quotePrice).times(ONE.plus(input.slippage)), market.priceStep) : price.div(quotePrice)).times(ONE.plus(market.takerFee));
    const afford = budgetValue.div(quotePrice).div(unitCost);
    const wantedQty = wantedValue.div(price);
    const trade = size(venue, market, 'buy', Decimal.min(afford, wantedQty), reason);
    if (!trade) return undefined;
    if (waitsFor) trade.waitsFor = waitsFor;
    const cost = worstCost(trade);
    cash.available = cash.available.minus(cost);
    spendable = spendable.minus(cost.times(quotePrice));
    trades.push(trade);
    return trade;
  }

  return { trades, transfers, diagnostics, holdingsAfter: applyPlan(input.holdings, trades, transfers) };
}

function feeRate(trade: PlannedTrade): Decimal {
  return trade.notional.isZero() ? ZERO : trade.fee.div(trade.notional);
}

/** Holdings after the trades and transfers, at the expected prices and fees. */
export function applyPlan(holdings: readonly Holding[], trades: readonly PlannedTrade[], transfers: readonly Transfer[]): Holding[] {
  const book = new Map<string, Holding>();
  const add = (venue: string, asset: string, quantity: Decimal) => {
    const id = key(venue, asset);
    const current = book.get(id);
    book.set(id, { venue, asset, quantity: (current?.quantity ?? ZERO).plus(quantity) });
  };
  for (const holding of holdings) add(holding.venue, holding.asset, holding.quantity);
  for (const trade of trades) {
    const sign = trade.side === 'buy' ? ONE : ONE.neg();
    add(trade.venue, trade.asset, trade.quantity.times(sign));
    add(trade.venue, trade.quote, trade.notional.times(sign.neg()).minus(trade.fee));
  }
  for (const transfer of transfers) {
    add(transfer.from, transfer.asset, transfer.amount.neg());
    add(transfer.to, transfer.asset, transfer.amount);
  }
  return [...book.values()].filter((holding) => !holding.quantity.isZero());
}

function key(venue: string, asset: string): string {
  return `${venue}\u0000${asset}`;
}
