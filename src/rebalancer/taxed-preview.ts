// `rebalance preview` as a user gets it: the plan with the tax rules applied, over one session.
// Wash-sale windows first and the cheapest venue to sell from; then, with long_term_preference, a
// second pass that holds back sales whose lots turn long-term (or exempt) within
// tax.long_term_wait_days while the drift allows waiting. Both passes, the sale taxes and the
// harvest list stand on the same snapshot, markets and tax state.
import type { RebalancePlan } from '../planner.js';
import type { HarvestResult } from '../tax/harvest.js';
import { harvestFor } from './harvest.js';
import { planPass, type PreviewOptions } from './preview.js';
import { deferrals, sellTaxes, taxVenueOrder, washBlocks, type PlanTaxes, type TaxContext } from './preview-taxes.js';
import type { Session } from './session.js';
import type { StatusReport } from './status.js';

export interface TaxedPreviewOptions extends Pick<PreviewOptions, 'strategy' | 'deposit'> {
  /** Also list harvestable losses the plan's buys would not wash (the CLI does with tax.enable_tlh). */
  harvest?: boolean | undefined;
}

export interface TaxedPreview {
  status: StatusReport;
  /** Undefined when drift could not be computed (a held asset without a usable price). */
  plan?: RebalancePlan;
  /** The lots and tax of each planned sale; present with the plan. */
  taxes?: PlanTaxes;
  harvest?: HarvestResult;
}

type Blocks = NonNullable<PreviewOptions['blocked']>;
const asBlocks = (map: ReadonlyMap<string, string> | undefined, code: string): Blocks['buys'] => new Map([...(map ?? [])].map(([asset, message]) => [asset, { code, message }]));

export async function taxedPreview(session: Session, options: TaxedPreviewOptions = {}): Promise<TaxedPreview> {
  const { config, clock } = session.deps;
  const status = await session.status();
  if (!status.drift) return { status };
  const context: TaxContext = { config, state: session.taxState(), prices: new Map([...status.snapshot.prices].map(([asset, quote]) => [asset, quote.price])), now: clock.now() };
  const wash = washBlocks(context);
  const blocked: Blocks = { buys: asBlocks(wash?.buys, 'tax.wash_sale_blocked'), sells: asBlocks(wash?.sells, 'tax.wash_sale_blocked') };
  const plan = { strategy: options.strategy, deposit: options.deposit, sellVenueOrder: taxVenueOrder(context) };
  let result = await planPass(session, { ...plan, blocked });
  if (!result.plan) return result;
  let taxes = sellTaxes(context, result.plan);
  if (config.tax.long_term_preference) {
    const deferred = deferrals(context, result.plan, taxes);
    if (deferred.size > 0) {
      result = await planPass(session, { ...plan, blocked: { buys: blocked.buys, sells: new Map([...blocked.sells, ...asBlocks(deferred, 'tax.long_term_deferred')]) } });
      if (!result.plan) return result;
      taxes = sellTaxes(context, result.plan);
    }
  }
  const harvest = options.harvest ? await harvestFor(session, new Set(result.plan.trades.filter((t) => t.side === 'buy').map((t) => t.asset))) : undefined;
  return { ...result, taxes, ...(harvest ? { harvest } : {}) };
}
