// Threshold and band rebalancing. Only assets outside their band must trade; they go back to
// target, to the band edge or halfway (rebalance_to). The money for buys comes first from the
// drifted sells, then from cash above its floor (the reserve, and the cash band's low edge), and
// only then from assets that are overweight but inside their band. Sale proceeds that no drifted
// buy needs are reinvested in the most underweight assets (water-filling, skipping buys under
// min_trade_value), and the rest stays cash. Turnover is therefore the larger of what the drifted
// assets must sell and buy, which is the least that brings them back.
import type { Diagnostic } from '../diagnostics.js';
import type { DriftRow } from '../drift-detector.js';
import { formatMoney, formatPercent, formatSignedPercent } from '../format.js';
import { Decimal, ONE, ZERO, sum } from '../money.js';
import { EDGE_MARGIN, feeEdgeSells } from './edge-guard.js';
import { waterFill, waterFillAboveMinimum, type AssetIntent, type Band, type StrategyInput, type StrategyResult } from './intent.js';

const FULL_BAND: Band = { low: ZERO, high: ONE };

export function planToBands(input: StrategyInput): StrategyResult {
  if (input.totalValue.lte(0)) return { intents: new Map(), diagnostics: [{ severity: 'warning', code: 'plan.empty_portfolio', message: 'The portfolio is worth nothing; there is nothing to rebalance.' }] };
  const targeted = input.rows.filter((row) => row.target !== undefined);
  const drifted = targeted.filter((row) => outside(row, input.bands.get(row.asset)!));
  if (drifted.length === 0) return { intents: new Map(), diagnostics: [{ severity: 'info', code: 'plan.within_bands', message: 'Every asset is within its band; nothing needs to trade.' }] };

  const moves = driftedMoves(input, drifted);
  const cash = cashPosition(input);
  const funded = fundBuys(input, targeted, moves, cash);
  const intents = new Map([...moves.sells, ...funded.intents]);
  const surplus = net(input, funded.sold).plus(cash.aboveBand ? cash.spare : ZERO).minus(gross(input, funded.placed)).minus(cash.need).div(ONE.plus(input.costRate));
  const budget = surplus.plus(cashOverflow(input, cash, funded, surplus));
  for (const [asset, intent] of reinvest(input, targeted, intents, budget)) intents.set(asset, intent);
  for (const [asset, intent] of feeEdgeSells(input, intents)) intents.set(asset, intent);
  return { intents, diagnostics: [...moves.diagnostics, ...cash.diagnostics, ...funded.diagnostics] };
}

function outside(row: DriftRow, band: Band): boolean {
  return row.weight.gt(band.high) || row.weight.lt(band.low);
}

/** Where a drifted row goes back to (rebalance_to), as a value. */
export function goalValue(input: Pick<StrategyInput, 'bands' | 'rebalanceTo' | 'totalValue'>, row: DriftRow): Decimal {
  const T = input.totalValue;
  const band = input.bands.get(row.asset)!;
  const target = row.target!;
  // One basis point inside the edge, so that flooring an order to its step cannot leave it outside.
  if (input.rebalanceTo === 'band_edge') return (row.weight.gt(band.high) ? band.high.minus(EDGE_MARGIN) : band.low.plus(EDGE_MARGIN)).times(T);
  if (input.rebalanceTo === 'halfway') {
    const half = row.value.plus(target.times(T)).div(2);
    // Halfway never stops above a hard limit (a band capped by max_single_asset).
    return row.weight.gt(band.high) ? Decimal.min(half, band.high.times(T)) : half;
  }
  return target.times(T);
}

/**
 * Where a drifted row lands: its goal, pulled one basis point inside the band when the goal sits
 * on an edge (halfway can end there, and so can a band capped by max_single_asset): a plan that
 * stops on the edge has not brought the asset inside.
 */
export function landingValue(input: Pick<StrategyInput, 'bands' | 'rebalanceTo' | 'totalValue'>, row: DriftRow): Decimal {
  const T = input.totalValue;
  const band = input.bands.get(row.asset)!;
  const goal = goalValue(input, row);
  const high = band.high.minus(EDGE_MARGIN).times(T);
  const low = band.low.plus(EDGE_MARGIN).times(T);
  if (band.high.lt(ONE) && goal.gt(high)) return Decimal.max(high, low);
  if (band.low.gt(0) && goal.lt(low)) return Decimal.min(low, high);
  return goal;
}

export interface DriftedMoves {
  /** Sell intents of the drifted risk assets, capped at what sits on venues that can trade. */
  sells: Map<string, AssetIntent>;
  /** Value each drifted buyable risk asset should buy, before funding. */
  wanted: Map<string, Decimal>;
  diagnostics: Diagnostic[];
}

/** Step 1: what the drifted risk assets must sell and buy to reach their goal. */
export function driftedMoves(input: StrategyInput, drifted: readonly DriftRow[]): DriftedMoves {
  const result: DriftedMoves = { sells: new Map(), wanted: new Map(), diagnostics: [] };
  for (const row of drifted.filter((r) => !r.cash)) {
    let delta = landingValue(input, row).minus(row.value);
    const band = input.bands.get(row.asset)!;
    if (delta.lt(0)) {
      const sellable = input.sellable.get(row.asset) ?? ZERO;
      if (delta.abs().gt(sellable)) {
        const message = `${row.asset} should sell ${formatMoney(delta.abs(), input.currency)} but only ${formatMoney(sellable, input.currency)} of it sits on venues that can trade it; the rest ${input.unsellable?.get(row.asset) ?? '(wallets, cold storage) is never traded'}.`;
        result.diagnostics.push({ severity: 'warning', code: 'constraint.not_sellable', asset: row.asset, message });
        delta = sellable.neg();
      }
      if (!delta.isZero()) result.sells.set(row.asset, { delta, reason: `drifted ${formatSignedPercent(row.drift!)} against ${formatPercent(row.target!)} (band ${formatPercent(band.low)}-${formatPercent(band.high)})` });
    } else if (delta.gt(0) && !input.buyable.has(row.asset)) {
      result.diagnostics.push({ severity: 'warning', code: 'constraint.no_market', asset: row.asset, message: `${row.asset} is underweight but no tradable venue lists a market for it; it cannot be bought.` });
    } else if (delta.gt(0)) {
      result.wanted.set(row.asset, delta);
    }
  }
  return result;
}

export interface CashPosition {
  /** Cash may not go below this value: the reserve, the cash band's low edge, or its goal when above its band. */
  floor: Decimal;
  /** Value the cash bucket must gain, when below its band. */
  need: Decimal;
  /** Cash above its floor, available to the buys. */
  spare: Decimal;
  /** The cash bucket sits above its band: its spare is to be placed even without sales. */
  aboveBand: boolean;
  diagnostics: Diagnostic[];
}

/** Step 2: the cash bucket's floor, and whether it must itself go up or down. */
export function cashPosition(input: StrategyInput): CashPosition {
  const T = input.totalValue;
  const cash = input.rows.find((row) => row.asset === input.cashKey);
  const cashValue = cash?.value ?? ZERO;
  const cashBand = input.bands.get(input.cashKey) ?? FULL_BAND;
  const reserveFloor = input.reserve.times(T);
  const drifted = cash !== undefined && cash.target !== undefined && outside(cash, cashBand);
  const below = drifted && cash.weight.lt(cashBand.low);
  const aboveBand = drifted && cash.weight.gt(cashBand.high);
  const floor = aboveBand ? Decimal.max(reserveFloor, landingValue(input, cash)) : Decimal.max(reserveFloor, cashBand.low.times(T));
  const diagnostics: Diagnostic[] = [];
  if (cashValue.lt(reserveFloor)) {
    diagnostics.push({ severity: 'warning', code: 'risk.reserve_short', message: `Cash ${formatMoney(cashValue, input.currency)} is below the min_cash_reserve ${formatMoney(reserveFloor, input.currency)}; no cash is spent.` });
  }
  return { floor, need: below ? landingValue(input, cash).minus(cashValue) : ZERO, spare: Decimal.max(ZERO, cashValue.minus(floor)), aboveBand, diagnostics };
}

// Fees come out of cash: a buy costs a little more than its value, a sale brings a little less.
const gross = (input: StrategyInput, value: Decimal) => value.times(ONE.plus(input.costRate));
const net = (input: StrategyInput, value: Decimal) => value.times(ONE.minus(input.costRate));

export interface FundedBuys {
  /** Sells of overweight assets inside their band, then the buys as funded. */
  intents: Map<string, AssetIntent>;
  /** Everything sold, drifted and not. */
  sold: Decimal;
  /** Everything bought. */
  placed: Decimal;
  diagnostics: Diagnostic[];
}

/**
 * Step 3: funds the drifted buys (and any cash shortfall) from the drifted sells and spare cash,
 * then from assets overweight inside their band; what is still missing scales the buys down.
 */
export function fundBuys(input: StrategyInput, targeted: readonly DriftRow[], moves: DriftedMoves, cash: CashPosition): FundedBuys {
  const T = input.totalValue;
  const intents = new Map<string, AssetIntent>();
  const diagnostics: Diagnostic[] = [];
  const buys = sum([...moves.wanted.values()]);
  let sold = sum([...moves.sells.values()].map((intent) => intent.delta.abs()));
  const needed = () => gross(input, buys).plus(cash.need).minus(net(input, sold)).minus(cash.spare);
  if (needed().gt(0)) {
    const overweight = new Map<string, Decimal>();
    for (const row of targeted) {
      if (row.cash || moves.sells.has(row.asset) || moves.wanted.has(row.asset)) continue;
      const excess = Decimal.min(row.value.minus(row.target!.times(T)), input.sellable.get(row.asset) ?? ZERO);
      if (excess.gt(0)) overweight.set(row.asset, excess);
    }
    for (const [asset, amount] of waterFillAboveMinimum(overweight, needed().div(ONE.minus(input.costRate)), input.minTradeValue).fills) {
      // Raising cash that must itself go up is never pointless; raising it only for buys is, where no buy can use it.
      intents.set(asset, { delta: amount.neg(), reason: '', ...(cash.need.isZero() ? { funding: true as const } : {}) });
      sold = sold.plus(amount);
    }
  }
  let wanted: ReadonlyMap<string, Decimal> = moves.wanted;
  const need = needed();
  if (need.gt(0)) {
    wanted = waterFill(moves.wanted, Decimal.max(ZERO, buys.minus(need.div(ONE.plus(input.costRate)))));
    const short = [...moves.wanted.keys()].filter((asset) => (wanted.get(asset) ?? ZERO).lt(moves.wanted.get(asset)!));
    diagnostics.push({
      severity: 'warning',
      code: 'constraint.insufficient_cash',
      message: `${short.length > 0 ? 'Not enough to fund every buy' : 'Not enough can be sold to bring cash back into its band'}: ${formatMoney(need, input.currency)} short after sales and cash above its floor ${formatMoney(cash.floor, input.currency)}; ${short.length > 0 ? `${short.join(', ')} stay${short.length === 1 ? 's' : ''} below target` : `cash ${input.cashKey} stays below its band`}.`,
    });
  }
  // Said once the buys are scaled: what the in-band sales end up paying for.
  for (const intent of intents.values()) intent.reason = `overweight inside its band; sold to ${fundingPurpose(sum([...wanted.values()]), cash.need)}`;
  const rowOf = new Map(targeted.map((row) => [row.asset, row]));
  for (const [asset, amount] of wanted) {
    const row = rowOf.get(asset)!;
    intents.set(asset, { delta: amount, reason: `drifted ${formatSignedPercent(row.drift!)} against ${formatPercent(row.target!)}` });
  }
  return { intents, sold, placed: sum([...wanted.values()]), diagnostics };
}

/** Why an asset inside its band is sold: for the buys, to bring cash back into its band, or both. */
function fundingPurpose(buys: Decimal, cashNeed: Decimal): string {
  if (cashNeed.isZero()) return 'fund the buys';
  return buys.gt(0) ? 'fund the buys and bring cash back into its band' : 'bring cash back into its band';
}

/**
 * Step 4a: what must be placed beyond the surplus so that cash ends strictly inside its band. The
 * surplus counts every fee at the dearest venue's rate, which leaves cash a little higher than it
 * will be; near its band's high edge that is enough to push it over. So: cash with no fee at all,
 * against the total after the dearest fees, must stay under the edge; but never so much more is
 * placed that at the dearest fees cash would fall below its floor.
 */
export function cashOverflow(input: StrategyInput, cash: CashPosition, funded: Pick<FundedBuys, 'sold' | 'placed'>, surplus: Decimal): Decimal {
  const row = input.rows.find((r) => r.asset === input.cashKey);
  const band = input.bands.get(input.cashKey);
  if (!row || !band || band.high.gte(ONE) || surplus.lt(0)) return ZERO;
  const lowestTotal = input.totalValue.minus(funded.sold.plus(funded.placed).plus(surplus).times(input.costRate));
  const ceiling = band.high.minus(EDGE_MARGIN).times(lowestTotal);
  const highest = row.value.plus(funded.sold).minus(funded.placed).minus(surplus);
  const over = highest.minus(ceiling);
  if (over.lte(0)) return ZERO;
  const lowest = row.value.plus(net(input, funded.sold)).minus(gross(input, funded.placed)).minus(gross(input, surplus));
  return Decimal.max(ZERO, Decimal.min(over, lowest.minus(cash.floor).div(ONE.plus(input.costRate))));
}

/** Step 4: proceeds (and cash above its band) no drifted buy needs go to the most underweight assets not yet trading. */
export function reinvest(input: StrategyInput, targeted: readonly DriftRow[], trading: ReadonlyMap<string, AssetIntent>, surplus: Decimal): Map<string, AssetIntent> {
  const intents = new Map<string, AssetIntent>();
  if (!surplus.gt(input.minTradeValue)) return intents;
  const deficits = new Map<string, Decimal>();
  const rowOf = new Map(targeted.map((row) => [row.asset, row]));
  for (const row of targeted) {
    if (row.cash || trading.has(row.asset) || !input.buyable.has(row.asset)) continue;
    const deficit = row.target!.times(input.totalValue).minus(row.value);
    if (deficit.gt(0)) deficits.set(row.asset, deficit);
  }
  for (const [asset, amount] of waterFillAboveMinimum(deficits, surplus, input.minTradeValue).fills) {
    const row = rowOf.get(asset)!;
    intents.set(asset, { delta: amount, reason: `underweight ${formatSignedPercent(row.drift!)}; bought with proceeds` });
  }
  return intents;
}
