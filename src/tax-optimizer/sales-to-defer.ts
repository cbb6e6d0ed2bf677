// Long-term preference: sales worth delaying until their lots turn long-term (US) or exempt (DE,
// the EU profile), on the date the rulebook gives (rulebook.ts's turnsAt, carried by each lot use).
import { formatMoney } from '../format.js';
import { ZERO, type Decimal } from '../money.js';
import { addDays, yearsAfter } from '../tax/holding-period.js';
import type { TaxRates } from './rates.js';
import type { SellTax } from './sell-tax.js';

export interface DeferInput {
  now: Date;
  waitDays: number;
  /** A planned sale's asset and its estimated lots (from estimateSellTaxes). */
  sales: readonly { asset: string; tax: SellTax }[];
  /** Current drift and the band's half-width per asset: waiting is allowed while drift stays under twice the width. */
  drift: ReadonlyMap<string, { drift: Decimal; width: Decimal; aboveLimit: boolean }>;
  rates: (asset: string) => TaxRates;
  currency: string;
}

/**
 * Sales worth postponing: a short-term lot with a gain that turns long-term (US) or exempt (DE)
 * within `waitDays`, while the asset's drift is under twice its band width and no risk limit is
 * breached. Each comes with the date it becomes cheaper and the tax it would save.
 */
export function salesToDefer(input: DeferInput): Map<string, string> {
  const deferred = new Map<string, string>();
  for (const { asset, tax } of input.sales) {
    const state = input.drift.get(asset);
    if (!state || state.aboveLimit || state.drift.abs().gt(state.width.times(2))) continue;
    const rates = input.rates(asset);
    let latest: Date | undefined;
    let saving = ZERO;
    for (const use of tax.lots) {
      if (use.term !== 'short') continue;
      const gain = use.gain ?? tax.proceeds.times(use.quantity).div(tax.lots.reduce((acc, u) => acc.plus(u.quantity), ZERO)).minus(use.cost);
      if (gain.lte(0)) continue;
      // The rulebook's date (a washed lot's tacked holding period, DE's §188 BGB anniversary); a
      // use made without it (not by estimateSellTaxes) counts a year from its acquisition.
      const turns = 'turnsAt' in use ? use.turnsAt : addDays(yearsAfter(use.acquiredAt, 1), 1);
      if (!turns) continue;
      const days = Math.ceil((turns.getTime() - input.now.getTime()) / 86_400_000);
      if (days > input.waitDays) continue;
      latest = !latest || turns > latest ? turns : latest;
      saving = saving.plus(gain.times(rates.short.minus(rates.long)));
    }
    if (latest && saving.gt(0)) {
      const day = latest.toISOString().slice(0, 10);
      deferred.set(asset, `${asset} sale deferred until ${day}: its lots turn long-term (or exempt) then, saving about ${formatMoney(saving, input.currency, 0)} in tax; drift ${state.drift.times(100).toFixed(1)} points is under twice the band, so it can wait (tax.long_term_preference).`);
    }
  }
  return deferred;
}

