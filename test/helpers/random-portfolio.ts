// Seeded random portfolios for the planner's properties and benchmarks: several venues (CEX, DEX,
// a read-only wallet), assets held in several places, cash on some venues, random targets. With
// `brokers`, one or two brokers (MT5, IBKR) trade their own assets in USD beside the exchanges'
// USDC, and USDC and USD are one cash bucket: the seed's own portfolio, generated.
import { parseConfig, type Strategy } from '../../src/config.js';
import type { VenueInfo } from '../../src/execution-planner.js';
import { Decimal } from '../../src/money.js';
import type { PlanInput } from '../../src/planner.js';
import type { MarketRules } from '../../src/ports.js';

export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RandomOptions {
  assets?: number;
  venues?: number;
  strategy?: Strategy;
  /** Fixed settings instead of random ones. */
  threshold?: string;
  minTradeValue?: string;
  reserve?: string;
  /** Every venue tradable, listing every asset on fine steps, with cash: plans meet no venue constraint. */
  liquid?: boolean;
  /** Add brokers quoting in USD (their assets listed nowhere else) beside the USDC exchanges. */
  brokers?: boolean;
}

export function randomPlanInput(seed: number, options: RandomOptions = {}): PlanInput {
  const rng = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  const assetCount = options.assets ?? int(2, 8);
  const venueCount = options.venues ?? int(1, 4);
  const crypto = Array.from({ length: assetCount }, (_, i) => `A${i}`);
  const brokerCount = options.brokers ? int(1, 2) : 0;
  const stocksOf = Array.from({ length: brokerCount }, (_, b) => Array.from({ length: int(1, 3) }, (_, i) => `S${b}${i}`));
  const assets = [...crypto, ...stocksOf.flat()];

  // Targets in whole basis points, cash included, summing to exactly 100%.
  const raw = [...assets, 'USDC'].map(() => int(1, 100));
  const total = raw.reduce((a, b) => a + b, 0);
  const bps = raw.map((r) => Math.floor((r * 10_000) / total));
  bps[bps.length - 1]! += 10_000 - bps.reduce((a, b) => a + b, 0);
  const targets: Record<string, string> = {};
  [...assets, 'USDC'].forEach((asset, i) => (targets[asset] = `${new Decimal(bps[i]!).div(100).toFixed()}%`));
  const cashTarget = new Decimal(bps[bps.length - 1]!).div(10_000);
  const reserve = options.reserve ?? (rng() < 0.5 ? '0%' : `${cashTarget.div(2).times(100).toDecimalPlaces(2, Decimal.ROUND_DOWN).toFixed()}%`);

  const config = parseConfig(
    {
      targets,
      cash_assets: options.brokers ? ['USDC', 'USD'] : ['USDC'],
      drift_threshold: options.threshold ?? pick(['2%', '5%', '10%']),
      min_trade_value: options.minTradeValue ?? pick(['0', '10', '100']),
      rebalance_to: 'target',
      risk: { min_cash_reserve: reserve },
    },
    { name: `random portfolio ${seed}` },
  );

  const prices = new Map<string, Decimal>([['USDC', new Decimal(1)], ...(options.brokers ? ([['USD', new Decimal(1)]] as const) : [])]);
  for (const asset of assets) prices.set(asset, new Decimal(int(1, 200_000)).div(100));

  const venues: VenueInfo[] = [];
  const holdings: PlanInput['holdings'][number][] = [];
  for (let v = 0; v < venueCount; v++) {
    const kind = !options.liquid && v === venueCount - 1 && venueCount > 1 && rng() < 0.5 ? 'wallet' : pick(['cex', 'cex', 'dex'] as const);
    const tradable = kind !== 'wallet';
    const fee = pick(['0.001', '0.0025', '0.003', '0.006']);
    const listed = tradable ? crypto.filter(() => options.liquid || rng() < 0.8) : [];
    const markets: MarketRules[] = listed.map((asset) => ({
      symbol: `${asset}/USDC`,
      base: asset,
      quote: 'USDC',
      amountStep: new Decimal(options.liquid ? '0.00000001' : pick(['1', '0.01', '0.0001', '0.00000001'])),
      priceStep: new Decimal('0.0001'),
      minAmount: new Decimal(0),
      minNotional: new Decimal(options.liquid ? '0' : pick(['0', '1', '5', '10'])),
      takerFee: new Decimal(fee),
      makerFee: new Decimal(fee),
    }));
    const id = `v${v}`;
    venues.push({ id, label: id.toUpperCase(), kind, tradable, markets });
    for (const asset of crypto) {
      if (rng() < 0.6) holdings.push({ venue: id, asset, quantity: new Decimal(int(0, 5_000_000)).div(prices.get(asset)!).toDecimalPlaces(6, Decimal.ROUND_DOWN) });
    }
    if (tradable && (options.liquid || rng() < 0.8)) holdings.push({ venue: id, asset: 'USDC', quantity: new Decimal(options.liquid ? int(1_000_000, 300_000_000) : int(0, 2_000_000)).div(100) });
  }
  stocksOf.forEach((stocks, b) => addBroker({ id: `b${b}`, kind: b === 0 ? 'ibkr' : 'mt5', stocks, rng, int, prices, venues, holdings, liquid: options.liquid ?? false }));
  return {
    config,
    strategy: options.strategy ?? 'threshold',
    now: new Date('2026-11-23T14:00:00Z'),
    holdings: holdings.filter((h) => h.quantity.gt(0)),
    prices,
    venues,
    targets: new Map(Object.entries(config.targets)),
    histories: new Map(),
    snapshotDiagnostics: [],
  };
}

interface BrokerDraft {
  id: string;
  kind: 'ibkr' | 'mt5';
  stocks: readonly string[];
  rng: () => number;
  int: (min: number, max: number) => number;
  prices: Map<string, Decimal>;
  venues: VenueInfo[];
  holdings: PlanInput['holdings'][number][];
  liquid: boolean;
}

/** A broker trading its own stocks in USD, holding some of them and (usually) USD. */
function addBroker(draft: BrokerDraft): void {
  const { id, stocks, rng, int, prices } = draft;
  const markets: MarketRules[] = stocks.map((asset) => ({
    symbol: `${asset}/USD`,
    base: asset,
    quote: 'USD',
    amountStep: new Decimal(draft.liquid ? '0.0001' : rng() < 0.5 ? '1' : '0.01'),
    priceStep: new Decimal('0.01'),
    minAmount: new Decimal(0),
    minNotional: new Decimal(draft.liquid ? '0' : '1'),
    takerFee: new Decimal('0.0005'),
    makerFee: new Decimal('0.0005'),
  }));
  draft.venues.push({ id, label: id.toUpperCase(), kind: draft.kind, tradable: true, markets });
  for (const asset of stocks) {
    prices.set(asset, new Decimal(int(1_000, 60_000)).div(100));
    if (rng() < 0.8) draft.holdings.push({ venue: id, asset, quantity: new Decimal(int(0, 5_000_000)).div(prices.get(asset)!).toDecimalPlaces(2, Decimal.ROUND_DOWN) });
  }
  if (draft.liquid || rng() < 0.7) draft.holdings.push({ venue: id, asset: 'USD', quantity: new Decimal(int(0, 2_000_000)).div(100) });
}
