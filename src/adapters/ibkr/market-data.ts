// Prices and market rules of an IBKR venue. Only contracts priced in the reporting currency get a
// price (the snapshot does no conversion). Rules are whole shares at one cent: what the Client
// Portal API trades for US stocks and ETFs (fractional shares and sub-penny ticks are not handled).
import { Decimal } from '../../money.js';
import type { Clock, MarketRules, PriceQuote } from '../../ports.js';
import type { Account, Position } from './account.js';
import { fetchSnapshots, type ContractBook } from './contracts.js';
import type { Gateway } from './gateway.js';

export interface MarketDataContext {
  venue: string;
  gateway: Gateway;
  contracts: ContractBook;
  currency: string;
  clock: Clock;
  wait: (ms: number) => Promise<void>;
}

export async function ibkrPrices(context: MarketDataContext, account: Account, assets: readonly string[]): Promise<PriceQuote[]> {
  const { contracts, currency } = context;
  const wanted: Array<{ asset: string; conid: string }> = [];
  for (const asset of assets) {
    if (asset === currency || (contracts.currencyOf(asset) ?? account.currency) !== currency) continue;
    const conid = await contracts.conidOf(asset);
    if (conid) wanted.push({ asset, conid });
  }
  if (wanted.length === 0) return [];
  const snapshots = await fetchSnapshots(context.gateway, wanted.map((w) => w.conid), context.wait);
  return wanted.flatMap(({ asset, conid }) => {
    const snap = snapshots.get(conid);
    return snap ? [{ asset, price: snap.price, at: snap.at ?? context.clock.now(), source: `${context.venue} conid ${conid}` }] : [];
  });
}

/** Rules for the assets held and those the config names (symbols:, markets:) that IBKR has a stock for. */
export async function ibkrMarkets(context: MarketDataContext, account: Account, held: readonly Position[], named: readonly string[], fee: Decimal): Promise<MarketRules[]> {
  const assets = [...new Set([...named, ...held.map((p) => p.asset)])].sort();
  const rules: MarketRules[] = [];
  for (const asset of assets) {
    if (!(await context.contracts.conidOf(asset))) continue;
    const quote = context.contracts.currencyOf(asset) ?? account.currency;
    rules.push({ symbol: `${asset}/${quote}`, base: asset, quote, amountStep: new Decimal(1), priceStep: new Decimal('0.01'), minAmount: new Decimal(1), minNotional: new Decimal(0), takerFee: fee, makerFee: fee });
  }
  return rules;
}
