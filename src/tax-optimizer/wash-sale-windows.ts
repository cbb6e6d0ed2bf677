// US wash-sale windows for a plan (IRC §1091): what the plan must not buy or sell yet. Groups of
// substantially identical assets come from the rulebook's identicalTo, as in the report.
import type { Decimal } from '../money.js';
import { identicalTo } from '../tax/rulebook.js';

export interface WashWindowInput {
  now: Date;
  days: number;
  inScope: (asset: string) => boolean;
  /** Groups of substantially identical assets. */
  identicalGroups: readonly (readonly string[])[];
  /** Realised disposals so far (from the US engine): a loss in the window blocks buying back. */
  disposals: readonly { asset: string; date: Date; gain: Decimal }[];
  /** Buys so far: one in the window blocks selling the asset at a loss. */
  buys: readonly { asset: string; date: Date }[];
  /** Assets whose open lots would be sold at a loss now. */
  atLoss: ReadonlySet<string>;
}

/**
 * No planned buy of an asset (or one substantially identical) within `days` after a loss sale, and
 * no planned loss sale within `days` after a buy: either would wash the loss (IRC §1091). Each
 * block says when it ends (the day after the window).
 */
export function washSaleWindows(input: WashWindowInput): { buys: Map<string, string>; sells: Map<string, string> } {
  const from = new Date(input.now.getTime() - input.days * 86_400_000);
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const until = (date: Date) => day(new Date(date.getTime() + (input.days + 1) * 86_400_000));
  const group = (asset: string) => [...identicalTo(input.identicalGroups, asset)];
  const buys = new Map<string, string>();
  const sells = new Map<string, string>();
  const latest = <T extends { date: Date }>(items: T[]) => items.sort((a, b) => b.date.getTime() - a.date.getTime())[0];
  const losses = input.disposals.filter((d) => d.gain.lt(0) && d.date >= from && d.date <= input.now && input.inScope(d.asset));
  for (const asset of new Set(losses.flatMap((d) => group(d.asset)))) {
    const sale = latest(losses.filter((d) => group(d.asset).includes(asset)))!;
    buys.set(asset, `${asset} buy blocked until ${until(sale.date)}: ${sale.asset} was sold at a loss on ${day(sale.date)}, and a purchase within ${input.days} days would wash it.`);
  }
  const recent = input.buys.filter((b) => b.date >= from && b.date <= input.now && input.inScope(b.asset));
  for (const asset of input.atLoss) {
    if (!input.inScope(asset)) continue;
    const buy = latest(recent.filter((b) => group(asset).includes(b.asset)));
    if (buy) sells.set(asset, `${asset} sale blocked until ${until(buy.date)}: it would realise a loss within ${input.days} days of buying ${buy.asset} on ${day(buy.date)} (a wash sale).`);
  }
  return { buys, sells };
}

