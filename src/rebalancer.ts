// The use-cases: each takes its dependencies (config, venues, ledger, clock) and returns data for
// the CLI, the K.I.T. tools and the heartbeat to render. I/O happens through the ports only.
import { isCash, type Config, type Strategy } from './config.js';
import { detectDrift, type DriftReport } from './drift-detector.js';
import { hasErrors, type Diagnostic } from './diagnostics.js';
import { errorMessage, UsageError } from './errors.js';
import type { VenueInfo } from './execution-planner.js';
import type { Decimal } from './money.js';
import { buildPlan, type PlanInput, type RebalancePlan } from './planner.js';
import type { Clock, Ledger, MarketRules, PricePoint, ValueMark, Venue } from './ports.js';
import { assessDrawdown } from './risk/drawdown.js';
import type { PortfolioSnapshot } from './snapshot.js';
import { takeSnapshot } from './take-snapshot.js';

export interface RebalancerDeps {
  config: Config;
  venues: readonly Venue[];
  ledger: Ledger;
  clock: Clock;
}

export interface EffectiveTargets {
  targets: Map<string, Decimal>;
  /** "ledger" once `set-target` has saved a target set over the config's. */
  source: 'config' | 'ledger';
}

export function effectiveTargets(config: Config, ledger: Ledger): EffectiveTargets {
  const saved = ledger.targetOverrides();
  if (saved && saved.size > 0) return { targets: saved, source: 'ledger' };
  return { targets: new Map(Object.entries(config.targets)), source: 'config' };
}

export interface StatusReport {
  asOf: Date;
  snapshot: PortfolioSnapshot;
  /** Undefined when the data cannot support one (a held asset without a usable price). */
  drift?: DriftReport;
  targetsSource: EffectiveTargets['source'];
  diagnostics: Diagnostic[];
  /** False when a venue did not answer or a price is missing: look, but do not trade. */
  complete: boolean;
  /** True when no price is older than monitoring.max_price_age. */
  fresh: boolean;
  /** Against the high-water mark kept in the ledger; undefined when the data is incomplete. */
  drawdown?: { value: Decimal; active: boolean; highWater: ValueMark } | undefined;
}

export async function portfolioStatus(deps: RebalancerDeps): Promise<StatusReport> {
  const { config, clock } = deps;
  const { targets, source } = effectiveTargets(config, deps.ledger);
  const snapshot = await takeSnapshot(deps.venues, {
    clock,
    wanted: [...targets.keys()].filter((asset) => asset !== 'CASH'),
    configPrices: config.prices,
    configPricesAt: config.prices_at,
    currency: config.currency,
    timeoutMs: config.monitoring.venue_timeout,
    maxPriceAgeMs: config.monitoring.max_price_age,
  });
  const diagnostics = [...snapshot.diagnostics];
  if (targets.size === 0) {
    diagnostics.push({ severity: 'info', code: 'targets.none', message: 'No targets are set, so every holding is untargeted. Add targets: to the config.' });
  }

  const unpriced = new Set(diagnostics.filter((d) => d.severity === 'error' && d.code.startsWith('price.')).map((d) => d.asset));
  let drift: DriftReport | undefined;
  let drawdown: StatusReport['drawdown'];
  if (unpriced.size === 0) {
    drift = detectDrift({
      holdings: snapshot.holdings,
      prices: new Map([...snapshot.prices].map(([asset, quote]) => [asset, quote.price])),
      targets,
      cashAssets: config.cash_assets,
      threshold: config.drift_threshold,
    });
    if (!hasErrors(diagnostics) && drift.totalValue.gt(0)) {
      // Drawdown protection: the high-water mark moves only on complete data.
      const previous = deps.ledger.highWater();
      const assessed = assessDrawdown({ value: drift.totalValue, now: snapshot.takenAt, ...(previous ? { previous } : {}), ...(config.risk.drawdown_reduce_at ? { reduceAt: config.risk.drawdown_reduce_at } : {}), shift: config.risk.drawdown_shift });
      diagnostics.push(...assessed.diagnostics);
      drawdown = { value: assessed.drawdown, active: assessed.active, highWater: assessed.highWater };
      if (!previous || !previous.value.eq(assessed.highWater.value)) deps.ledger.saveHighWater(assessed.highWater);
    }
    if (drift.totalValue.isZero() && snapshot.venues.every((venue) => venue.ok)) {
      diagnostics.push({
        severity: 'warning',
        code: 'portfolio.empty',
        message: Object.keys(config.venues).length === 0 ? 'No venues are configured; add a venues: section to the config.' : 'The configured venues hold nothing (total value 0).',
      });
    }
  }
  return {
    asOf: snapshot.takenAt,
    snapshot,
    drift,
    targetsSource: source,
    diagnostics,
    complete: !hasErrors(diagnostics),
    fresh: !diagnostics.some((d) => d.code === 'price.stale'),
    drawdown,
  };
}

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

export async function previewRebalance(deps: RebalancerDeps, options: PreviewOptions = {}): Promise<PreviewResult> {
  const { config, clock } = deps;
  const status = await portfolioStatus(deps);
  if (!status.drift) return { status };
  const { snapshot } = status;
  const strategy = options.strategy ?? config.strategy;
  const diagnostics: Diagnostic[] = [...status.diagnostics];

  const answered = deps.venues.filter((venue) => snapshot.venues.find((s) => s.id === venue.id)?.ok);
  const venues: VenueInfo[] = [];
  for (const venue of answered) {
    let markets: MarketRules[] = [];
    if (venue.capabilities.trade) {
      try {
        markets = await venue.fetchMarkets();
      } catch (error) {
        diagnostics.push({ severity: 'error', code: 'venue.markets_unavailable', venue: venue.id, message: `Venue ${venue.id} did not return its markets (${errorMessage(error)}); nothing will be traded until it does.` });
      }
    }
    venues.push({ id: venue.id, label: venue.label, kind: venue.kind, tradable: venue.capabilities.trade, markets });
  }

  const { targets } = effectiveTargets(config, deps.ledger);
  const histories = await loadHistories(deps, [...new Set([...snapshot.holdings.map((h) => h.asset), ...targets.keys()])], clock.now());
  const prices = new Map([...snapshot.prices].map(([asset, quote]) => [asset, quote.price]));
  const plan = buildPlan({
    config,
    strategy,
    now: clock.now(),
    holdings: snapshot.holdings,
    prices,
    venues,
    targets,
    deposit: options.deposit ? resolveDeposit(options.deposit, config, venues) : undefined,
    histories,
    highWater: deps.ledger.highWater(),
    snapshotDiagnostics: diagnostics,
    blocked: options.blocked,
    sellVenueOrder: options.sellVenueOrder,
  });
  return { status, plan };
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
  return { venue, asset, amount: deposit.amount };
}

/** Daily closes for momentum and correlation: from venues that keep history, else the config's. */
export async function loadHistories(deps: RebalancerDeps, assets: readonly string[], now: Date): Promise<Map<string, PricePoint[]>> {
  const days = Math.max(deps.config.risk.correlation_lookback, deps.config.tactical.momentum.lookback) / 86_400_000 + 2;
  const from = new Date(now.getTime() - days * 86_400_000);
  const histories = new Map<string, PricePoint[]>();
  for (const asset of assets.filter((a) => !isCash(a, deps.config.cash_assets))) {
    for (const venue of deps.venues.filter((v) => v.capabilities.priceHistory && v.fetchPriceHistory)) {
      try {
        const points = await venue.fetchPriceHistory!(asset, from, now);
        if (points.length > 0) {
          histories.set(asset, points);
          break;
        }
      } catch {
        // Another venue, or the config's history, may have it; correlation reports what is missing.
      }
    }
    if (!histories.has(asset)) {
      const configured = deps.config.price_history[asset];
      if (configured) {
        histories.set(asset, Object.entries(configured).map(([day, price]) => ({ at: new Date(`${day}T00:00:00Z`), price })).filter((p) => p.at >= from && p.at <= now).sort((a, b) => a.at.getTime() - b.at.getTime()));
      }
    }
  }
  return histories;
}
