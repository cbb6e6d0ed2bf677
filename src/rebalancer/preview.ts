// One planning pass: the session's status, markets and histories into `buildPlan`. It may run
// twice in a run (the tax deferral's second pass) and fetches nothing the first did not.
import type { Config, Strategy } from '../config.js';
import { swapKey, swapTrades, type PlannedTrade, type SwapSizing, type VenueInfo } from '../execution-planner.js';
import { UsageError } from '../errors.js';
import type { Decimal } from '../money.js';
import { buildPlan, type PlanInput, type RebalancePlan } from '../planner.js';
import { createSession, type RebalancerDeps, type Session } from './session.js';
import { sizeSwap } from './swap-sizing.js';
import type { StatusReport } from './status.js';

export interface PreviewOptions {
  strategy?: Strategy | undefined;
  /** Wash-sale windows: assets not to buy or sell now. */
  blocked?: PlanInput['blocked'];
  /** Per asset, the venues to sell from first (cheapest in tax). */
  sellVenueOrder?: PlanInput['sellVenueOrder'];
  /** Plan a deposit before it arrives: `--deposit 5000 USDC [--deposit-venue binance]`. */
  deposit?: { amount: Decimal; asset: string; venue?: string | undefined } | undefined;
}

export interface PreviewResult {
  status: StatusReport;
  /** Undefined when drift could not be computed (a held asset without a usable price). */
  plan?: RebalancePlan;
}

export async function planPass(session: Session, options: PreviewOptions = {}): Promise<PreviewResult> {
  const { config, clock, ledger } = session.deps;
  const status = await session.status();
  if (!status.drift) return { status };
  const { snapshot } = status;
  const markets = await session.markets();
  const { targets } = session.targets();
  const histories = await session.histories([...new Set([...snapshot.holdings.map((h) => h.asset), ...targets.keys()])]);
  const input: PlanInput = {
    config,
    strategy: options.strategy ?? config.strategy,
    now: clock.now(),
    holdings: snapshot.holdings,
    prices: new Map([...snapshot.prices].map(([asset, quote]) => [asset, quote.price])),
    venues: markets.venues,
    targets,
    deposit: options.deposit ? resolveDeposit(options.deposit, config, markets.venues) : undefined,
    histories,
    highWater: ledger.highWater(),
    snapshotDiagnostics: [...status.diagnostics, ...markets.diagnostics],
    blocked: options.blocked,
    sellVenueOrder: options.sellVenueOrder,
  };
  const plan = buildPlan(input);
  const dex = swapTrades(plan.trades, markets.venues);
  if (dex.length === 0) return { status, plan };
  // Planning is pure, so the DEX trades' quotes are taken here, between two runs of the same plan:
  // the second, given the quotes, prices (or shrinks, or leaves out) those trades and what follows.
  const swapPricing = await priceSwaps(session, dex, markets.venues, config.execution.slippage_tolerance);
  return { status, plan: buildPlan({ ...input, swapPricing }) };
}

/** Each DEX trade sized against its venue's quotes (in parallel across trades; each memoised in the session). */
async function priceSwaps(session: Session, trades: readonly PlannedTrade[], venues: readonly VenueInfo[], tolerance: Decimal): Promise<Map<string, SwapSizing>> {
  const sized = await Promise.all(
    trades.map(async (trade) => {
      const market = venues.find((venue) => venue.id === trade.venue)?.markets.find((m) => m.symbol === trade.market);
      const quoteAt = (quantity: Decimal) => session.swapQuote(trade.venue, { symbol: trade.market, side: trade.side, quantity });
      const sizing: SwapSizing = market ? await sizeSwap(quoteAt, trade.quantity, market, tolerance) : { kind: 'failed', message: `${trade.market} is not listed there` };
      return [swapKey(trade), sizing] as const;
    }),
  );
  return new Map(sized);
}

/** The plan without the tax steps, over a session of its own (tests and benches plan this way). */
export function previewRebalance(deps: RebalancerDeps, options: PreviewOptions = {}): Promise<PreviewResult> {
  return planPass(createSession(deps), options);
}

function resolveDeposit(deposit: NonNullable<PreviewOptions['deposit']>, config: Config, venues: readonly VenueInfo[]) {
  const asset = deposit.asset.toUpperCase();
  if (!config.cash_assets.includes(asset)) {
    throw new UsageError(`--deposit: ${asset} is not a cash asset; expected one of ${config.cash_assets.join(', ')}.`);
  }
  if (deposit.amount.lte(0)) throw new UsageError(`--deposit: the amount must be above 0; got ${deposit.amount.toFixed()}.`);
  const quoting = venues.filter((venue) => venue.tradable && venue.markets.some((market) => market.quote === asset));
  const venue = deposit.venue ?? quoting[0]?.id;
  if (!venue) throw new UsageError(`--deposit: no tradable venue quotes its markets in ${asset}; name one with --deposit-venue.`);
  if (!venues.some((v) => v.id === venue)) throw new UsageError(`--deposit-venue: no venue named "${venue}" answered; the venues are ${venues.map((v) => v.id).join(', ')}.`);
  if (!venues.some((v) => v.id === venue && v.tradable)) throw new UsageError(`--deposit-venue: "${venue}" is read-only (no markets), so a deposit there cannot fund a buy; name a venue that trades: ${quoting.map((v) => v.id).join(', ') || 'none quotes in ' + asset}.`);
  return { venue, asset, amount: deposit.amount };
}
