// `kit rebalance preview | set-target | remove-target`, and the rebalance_preview and
// rebalance_set_target tools: the same use-cases as the commands, answering with JSON.
import { z } from 'zod';
import { planJson, type PlanJson } from '../cli/plan-json.js';
import { renderPlan } from '../cli/render-plan.js';
import { renderStatus } from '../cli/render-status.js';
import { renderTable } from '../cli/table.js';
import { STRATEGIES, type Strategy } from '../config.js';
import { UsageError } from '../errors.js';
import { formatPercent } from '../format.js';
import type { CommandContext, CommandSpec } from '../host/contract.js';
import { withRuntime, type HostServices, type Runtime } from '../host/runtime.js';
import { parseMoney, parsePercent, ParseError, ZERO, type Decimal } from '../money.js';
import { effectiveTargets, portfolioStatus, previewRebalance, type PreviewOptions } from '../rebalancer.js';
import { removeTarget, setTarget, type TargetChangeResult } from '../targets/set-target.js';
import { sourceNote } from './portfolio-status.js';
import { harvestFor, harvestJson, renderHarvest, taxState } from './rebalance-harvest.js';
import { defaultRates, estimateSellTaxes, salesToDefer, sellVenueOrder, washSaleWindows } from '../tax-optimizer.js';
import type { AssetClass } from '../tax/types.js';
import type { RebalancePlan } from '../planner.js';
import type { PlanTaxes } from '../cli/render-plan.js';

function parseStrategy(value: unknown): Strategy | undefined {
  if (value === undefined) return undefined;
  if (!(STRATEGIES as readonly unknown[]).includes(value)) throw new UsageError(`--strategy: unknown strategy ${JSON.stringify(value)}; expected one of ${STRATEGIES.join(', ')}.`);
  return value as Strategy;
}

/** "--deposit 5000 USDC", "--deposit 5000USDC" or "--deposit $5k USDC". */
export function parseDeposit(values: unknown, venue: unknown): PreviewOptions['deposit'] {
  if (values === undefined) return undefined;
  const words = (Array.isArray(values) ? values : [values]).flatMap((v) => String(v).trim().split(/\s+/)).filter(Boolean);
  const joined = words.join(' ');
  const match = /^(.+?)\s*([A-Za-z][A-Za-z0-9]*)$/.exec(joined);
  let amount: Decimal | undefined;
  try {
    amount = match?.[1] ? parseMoney(match[1]) : undefined;
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
  }
  if (!match?.[2] || !amount) throw new UsageError(`--deposit: ${JSON.stringify(joined)} is not a deposit; expected an amount and a cash asset, such as --deposit 5000 USDC.`);
  return { amount, asset: match[2].toUpperCase(), venue: typeof venue === 'string' ? venue : undefined };
}

const PREVIEW_OPTIONS = [
  { flags: '--strategy <name>', description: `plan with this strategy instead of the configured one (${STRATEGIES.join(', ')})` },
  { flags: '--deposit <amount...>', description: 'plan a deposit before it arrives, e.g. --deposit 5000 USDC' },
  { flags: '--deposit-venue <venue>', description: 'the venue the deposit arrives on (default: the first that quotes in that asset)' },
  { flags: '--json', description: 'print JSON (decimal strings) instead of tables' },
];

export function rebalancePreviewCommand(host: HostServices): CommandSpec {
  return {
    name: 'rebalance preview',
    description: 'the trades that would bring the portfolio back to target, without trading',
    options: PREVIEW_OPTIONS,
    run: (_args, options, context) =>
      withRuntime(context, host, async (runtime) => {
        const result = await preview(runtime, { strategy: parseStrategy(options.strategy), deposit: parseDeposit(options.deposit, options.depositVenue) });
        if (!result.plan) {
          return { exitCode: 3, stdout: renderStatus(result.status, { byVenue: false, currency: runtime.config.currency, sourceNote: sourceNote(runtime) }) };
        }
        const exitCode = result.plan.executable ? 0 : 3;
        // With tax.enable_tlh, the preview also lists harvestable losses, never ones the plan's buys would wash.
        const harvest = runtime.config.tax.enable_tlh ? await harvestFor(runtime, new Set(result.plan.trades.filter((t) => t.side === 'buy').map((t) => t.asset))) : undefined;
        if (options.json) return { exitCode, stdout: JSON.stringify({ ...toJson(result.plan, runtime, sellTaxes(runtime, result.plan)), harvest: harvest ? harvestJson(harvest) : null }, null, 2) };
        const taxes = sellTaxes(runtime, result.plan);
        const text = renderPlan(result.plan, { currency: runtime.config.currency, sourceNote: sourceNote(runtime), rebalanceTo: runtime.config.rebalance_to, taxes });
        return { exitCode, stdout: harvest ? `${text}\n\nTax-loss harvesting (tax.enable_tlh):\n${renderHarvest(harvest, runtime.config.currency)}` : text };
      }),
  };
}

function toJson(plan: RebalancePlan, runtime: Runtime, taxes?: PlanTaxes): PlanJson {
  return planJson(plan, { source: runtime.configSource, demo: runtime.demo, currency: runtime.config.currency, ...(taxes ? { taxes } : {}) });
}

/**
 * The plan with the tax rules applied: wash-sale windows first; then, with long_term_preference, a
 * second pass that holds back sales whose lots turn long-term (or exempt) within
 * tax.long_term_wait_days while the drift allows waiting.
 */
async function preview(runtime: Runtime, options: PreviewOptions) {
  const wash = await washBlocks(runtime);
  const asBlocks = (map: ReadonlyMap<string, string> | undefined, code: string) => new Map([...(map ?? [])].map(([asset, message]) => [asset, { code, message }]));
  const blocked = { buys: asBlocks(wash?.buys, 'tax.wash_sale_blocked'), sells: asBlocks(wash?.sells, 'tax.wash_sale_blocked') };
  const first = await previewRebalance(runtime, { ...options, blocked, sellVenueOrder: await taxVenueOrder(runtime) });
  const { tax, drift_threshold: threshold, risk } = runtime.config;
  if (!first.plan || !tax.long_term_preference) return first;
  const taxes = sellTaxes(runtime, first.plan);
  const state = taxState(runtime);
  const sales = first.plan.trades.filter((t) => t.side === 'sell').flatMap((t) => (taxes.bySell.get(t.id) ? [{ asset: t.asset, tax: taxes.bySell.get(t.id)! }] : []));
  const deferred = salesToDefer({
    now: runtime.clock.now(),
    waitDays: tax.long_term_wait_days,
    currency: runtime.config.currency,
    sales,
    drift: new Map(first.plan.before.rows.filter((row) => row.drift).map((row) => [row.asset, { drift: row.drift!, width: threshold, aboveLimit: !row.cash && row.weight.gt(risk.max_single_asset) }])),
    rates: (asset) => {
      const assetClass = state.assetClass(asset);
      const base = defaultRates(tax.jurisdiction, assetClass);
      const short = tax.rates.short ?? base.short;
      // Under DE §23 a crypto lot held over a year is exempt: what waiting saves is the whole rate.
      const long = tax.jurisdiction === 'DE' && assetClass !== 'security' ? ZERO : (tax.rates.long ?? base.long);
      return { short, long };
    },
  });
  if (deferred.size === 0) return first;
  return previewRebalance(runtime, { ...options, sellVenueOrder: await taxVenueOrder(runtime), blocked: { buys: blocked.buys, sells: new Map([...blocked.sells, ...asBlocks(deferred, 'tax.long_term_deferred')]) } });
}

/** Where to sell each asset held on several venues: the tax-optimizer's order, cheapest first. */
async function taxVenueOrder(runtime: Runtime): Promise<Map<string, string[]>> {
  const { tax } = runtime.config;
  const state = taxState(runtime);
  const status = await portfolioStatus(runtime);
  const prices = new Map([...status.snapshot.prices].map(([asset, quote]) => [asset, quote.price]));
  return sellVenueOrder(state.lots, prices, { jurisdiction: tax.jurisdiction, method: tax.lot_selection, now: runtime.clock.now(), assetClass: state.assetClass, rates: ratesFor(runtime), exemptAfterYears: tax.eu_exempt_after_years });
}

function ratesFor(runtime: Runtime) {
  const { tax } = runtime.config;
  return (assetClass: AssetClass) => {
    const base = defaultRates(tax.jurisdiction, assetClass);
    return { short: tax.rates.short ?? base.short, long: tax.rates.long ?? base.long };
  };
}

/** US wash-sale windows from the ledger's history: what the plan must not buy or sell yet. */
async function washBlocks(runtime: Runtime): Promise<{ buys: Map<string, string>; sells: Map<string, string> } | undefined> {
  const { tax } = runtime.config;
  if (tax.jurisdiction !== 'US') return undefined;
  const state = taxState(runtime);
  const status = await portfolioStatus(runtime);
  const prices = new Map([...status.snapshot.prices].map(([asset, quote]) => [asset, quote.price]));
  const atLoss = new Set<string>();
  for (const asset of new Set(state.lots.map((lot) => lot.asset))) {
    const lots = state.lots.filter((lot) => lot.asset === asset);
    const price = prices.get(asset);
    if (price && lots.reduce((acc, lot) => acc.plus(lot.cost), ZERO).gt(lots.reduce((acc, lot) => acc.plus(lot.quantity), ZERO).times(price))) atLoss.add(asset);
  }
  return washSaleWindows({
    now: runtime.clock.now(),
    days: tax.wash_sale_days,
    inScope: (asset) => tax.wash_sale_scope === 'all' || state.assetClass(asset) === 'security',
    identicalGroups: tax.identical_groups,
    disposals: state.disposals,
    buys: state.trades.filter((t) => t.side === 'buy').map((t) => ({ asset: t.asset, date: t.date })),
    atLoss,
  });
}

/** The lots each planned sale would use and the tax it would cost, from the ledger's lots. */
function sellTaxes(runtime: Runtime, plan: RebalancePlan): PlanTaxes {
  const { tax } = runtime.config;
  const state = taxState(runtime);
  const rates = ratesFor(runtime);
  const bySell = estimateSellTaxes(
    plan.trades.filter((t) => t.side === 'sell'),
    {
      jurisdiction: tax.jurisdiction,
      method: tax.lot_selection,
      now: plan.createdAt,
      lots: state.lots,
      assetClass: state.assetClass,
      rates,
      exemptAfterYears: tax.eu_exempt_after_years,
      // FR: the crypto held, valued now.
      portfolioValue: plan.before.rows.filter((row) => !row.cash && state.assetClass(row.asset) === 'crypto').reduce((acc, row) => acc.plus(row.value), ZERO),
    },
  );
  return { bySell, total: [...bySell.values()].reduce((acc, t) => acc.plus(t.tax), ZERO), jurisdiction: tax.jurisdiction };
}

function renderChange(change: TargetChangeResult, headline: string): string {
  const assets = [...new Set([...change.before.keys(), ...change.after.keys()])];
  const rows = assets.map((asset) => {
    const before = change.before.get(asset);
    const after = change.after.get(asset);
    return [asset, before ? formatPercent(before, 2) : '—', after ? formatPercent(after, 2) : 'removed'];
  });
  return [headline, renderTable(['Asset', 'Before', 'After'], rows, [], { minWidth: 7 }), 'Saved in the ledger; they apply over the config\'s targets from now on.'].join('\n');
}

async function changeTargets(runtime: Runtime, change: (current: Map<string, Decimal>) => TargetChangeResult, reason: string): Promise<TargetChangeResult> {
  const { targets } = effectiveTargets(runtime.config, runtime.ledger);
  const result = change(targets);
  runtime.ledger.saveTargetOverrides({ at: runtime.clock.now(), reason, before: result.before, after: result.after });
  return result;
}

export function setTargetCommand(host: HostServices): CommandSpec {
  return {
    name: 'rebalance set-target',
    description: 'set one target (e.g. BTC 45%) and rescale the others so they still sum to 100%',
    arguments: [
      { name: 'asset', description: 'the asset, e.g. BTC', required: true },
      { name: 'percent', description: 'the new target, e.g. 45%', required: true },
    ],
    run: (args, _options, context) =>
      withRuntime(context, host, async (runtime) => {
        const [asset = '', text = ''] = args;
        let target: Decimal;
        try {
          target = parsePercent(text);
        } catch (error) {
          throw new UsageError(`set-target: ${error instanceof Error ? error.message : String(error)}`);
        }
        const result = await changeTargets(runtime, (current) => setTarget(current, asset, target, { config: runtime.config }), `set-target ${asset.toUpperCase()} ${text}`);
        return { exitCode: 0, stdout: renderChange(result, `Target for ${asset.toUpperCase()} set to ${formatPercent(target, 2)}; the others rescaled in proportion.`) };
      }),
  };
}

export function removeTargetCommand(host: HostServices): CommandSpec {
  return {
    name: 'rebalance remove-target',
    description: 'remove one target and scale the others up so they sum to 100%',
    arguments: [{ name: 'asset', description: 'the asset, e.g. SOL', required: true }],
    run: (args, _options, context) =>
      withRuntime(context, host, async (runtime) => {
        const asset = args[0] ?? '';
        const result = await changeTargets(runtime, (current) => removeTarget(current, asset, { config: runtime.config }), `remove-target ${asset.toUpperCase()}`);
        return { exitCode: 0, stdout: renderChange(result, `Target for ${asset.toUpperCase()} removed; the others scaled up in proportion. ${asset.toUpperCase()} is now untargeted and is never sold by default.`) };
      }),
  };
}

export const previewArgs = z.object({
  strategy: z.enum(STRATEGIES).optional().describe('plan with this strategy instead of the configured one'),
  deposit: z.string().optional().describe('plan a deposit before it arrives, e.g. "5000 USDC"'),
  deposit_venue: z.string().optional().describe('the venue the deposit arrives on'),
});

export const setTargetArgs = z.object({
  asset: z.string().describe('the asset, e.g. BTC'),
  percent: z.string().describe('the new target with a % sign, e.g. "45%"; the other targets are rescaled to keep 100%'),
});

export function rebalanceTools(host: HostServices, context: () => CommandContext) {
  return [
    {
      definition: {
        name: 'rebalance_preview',
        description:
          'Plan the trades that would bring the portfolio back to its targets (never trades): each trade with venue, market, side, quantity, price and fee, manual transfers, the weights after, estimated fees and every warning. Use it to answer "what would a rebalance do?".',
        parameters: z.toJSONSchema(previewArgs) as Record<string, unknown>,
      },
      handler: async (raw: Record<string, unknown>): Promise<PlanJson | { error: string }> => {
        const args = previewArgs.parse(raw ?? {});
        return withRuntime(context(), host, async (runtime) => {
          const result = await preview(runtime, { strategy: args.strategy, deposit: parseDeposit(args.deposit, args.deposit_venue) });
          if (!result.plan) return { error: result.status.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join(' ') };
          return toJson(result.plan, runtime, sellTaxes(runtime, result.plan));
        });
      },
    },
    {
      definition: {
        name: 'rebalance_set_target',
        description: "Set one asset's target allocation (e.g. BTC to 45%); the other targets are rescaled in proportion to keep 100%, and a target that would break a risk limit is refused with the reason.",
        parameters: z.toJSONSchema(setTargetArgs) as Record<string, unknown>,
      },
      handler: async (raw: Record<string, unknown>) => {
        const args = setTargetArgs.parse(raw ?? {});
        const target = parsePercent(args.percent);
        return withRuntime(context(), host, async (runtime) => {
          const result = await changeTargets(runtime, (current) => setTarget(current, args.asset, target, { config: runtime.config }), `set-target ${args.asset.toUpperCase()} ${args.percent} (tool)`);
          const json = (map: Map<string, Decimal>) => Object.fromEntries([...map].map(([asset, value]) => [asset, value.toFixed()]));
          return { before: json(result.before), after: json(result.after) };
        });
      },
    },
  ];
}
