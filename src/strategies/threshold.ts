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
import { waterFill, waterFillAboveMinimum, type AssetIntent, type Band, type StrategyInput, type StrategyResult } from './intent.js';

const EDGE_MARGIN = new Decimal('0.0001');

export function planToBands(input: StrategyInput): StrategyResult {
  const T = input.totalValue;
  const intents = new Map<string, AssetIntent>();
  const diagnostics: Diagnostic[] = [];
  if (T.lte(0)) return { intents, diagnostics: [{ severity: 'warning', code: 'plan.empty_portfolio', message: 'The portfolio is worth nothing; there is nothing to rebalance.' }] };

  const targeted = input.rows.filter((row) => row.target !== undefined);
  const rowOf = new Map(targeted.map((row) => [row.asset, row]));
  const cash = input.rows.find((row) => row.asset === input.cashKey);
  const cashValue = cash?.value ?? ZERO;
  const cashBand = input.bands.get(input.cashKey) ?? { low: ZERO, high: new Decimal(1) };
  const outside = (row: DriftRow, band: Band) => row.weight.gt(band.high) || row.weight.lt(band.low);
  const drifted = targeted.filter((row) => outside(row, input.bands.get(row.asset)!));
  if (drifted.length === 0) {
    diagnostics.push({ severity: 'info', code: 'plan.within_bands', message: 'Every asset is within its band; nothing needs to trade.' });
    return { intents, diagnostics };
  }

  const goal = (row: DriftRow): Decimal => {
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
  };

  // 1. What the drifted risk assets must do.
  let sells = ZERO;
  let buys = ZERO;
  const wanted = new Map<string, Decimal>();
  for (const row of drifted.filter((r) => !r.cash)) {
    let delta = goal(row).minus(row.value);
    const why = `${formatSignedPercent(row.drift!)} against ${formatPercent(row.target!)} (band ${formatPercent(input.bands.get(row.asset)!.low)}-${formatPercent(input.bands.get(row.asset)!.high)})`;
    if (delta.lt(0)) {
      const sellable = input.sellable.get(row.asset) ?? ZERO;
      if (delta.abs().gt(sellable)) {
        diagnostics.push({
          severity: 'warning',
          code: 'constraint.not_sellable',
          asset: row.asset,
          message: `${row.asset} should sell ${formatMoney(delta.abs())} but only ${formatMoney(sellable)} of it sits on venues that can trade it; the rest (wallets, cold storage) is never traded.`,
        });
        delta = sellable.neg();
      }
      if (delta.isZero()) continue;
      intents.set(row.asset, { delta, reason: `drifted ${why}` });
      sells = sells.plus(delta.abs());
    } else if (delta.gt(0)) {
      if (!input.buyable.has(row.asset)) {
        diagnostics.push({ severity: 'warning', code: 'constraint.no_market', asset: row.asset, message: `${row.asset} is underweight but no tradable venue lists a market for it; it cannot be bought.` });
        continue;
      }
      wanted.set(row.asset, delta);
      buys = buys.plus(delta);
    }
  }

  // 2. The cash bucket: its floor, and whether it must itself go up or down.
  const reserveFloor = input.reserve.times(T);
  const cashDrifted = cash !== undefined && cash.target !== undefined && outside(cash, cashBand);
  let cashNeed = ZERO;
  let floor = Decimal.max(reserveFloor, cashBand.low.times(T));
  if (cashDrifted && cash.weight.lt(cashBand.low)) cashNeed = goal(cash).minus(cashValue);
  if (cashDrifted && cash.weight.gt(cashBand.high)) floor = Decimal.max(reserveFloor, goal(cash));
  if (cashValue.lt(reserveFloor)) {
    diagnostics.push({ severity: 'warning', code: 'risk.reserve_short', message: `Cash ${formatMoney(cashValue)} is below the min_cash_reserve ${formatMoney(reserveFloor)}; no cash is spent.` });
  }
  const spare = Decimal.max(ZERO, cashValue.minus(floor));

  // 3. Fund the buys (and any cash shortfall).
  // Fees come out of cash: a buy costs a little more than its value, a sale brings a little less.
  const gross = (value: Decimal) => value.times(ONE.plus(input.costRate));
  const net = (value: Decimal) => value.times(ONE.minus(input.costRate));
  let need = gross(buys).plus(cashNeed).minus(net(sells)).minus(spare);
  if (need.gt(0)) {
    const overweight = new Map<string, Decimal>();
    for (const row of targeted) {
      if (row.cash || intents.has(row.asset) || wanted.has(row.asset)) continue;
      const excess = Decimal.min(row.value.minus(row.target!.times(T)), input.sellable.get(row.asset) ?? ZERO);
      if (excess.gt(0)) overweight.set(row.asset, excess);
    }
    const extra = waterFillAboveMinimum(overweight, need.div(ONE.minus(input.costRate)), input.minTradeValue).fills;
    for (const [asset, amount] of extra) {
      intents.set(asset, { delta: amount.neg(), reason: `overweight inside its band; sold to fund the buys` });
      sells = sells.plus(amount);
    }
    need = gross(buys).plus(cashNeed).minus(net(sells)).minus(spare);
  }
  if (need.gt(0)) {
    const affordable = Decimal.max(ZERO, buys.minus(need.div(ONE.plus(input.costRate))));
    const scaled = waterFill(wanted, affordable);
    const short = [...wanted.keys()].filter((asset) => (scaled.get(asset) ?? ZERO).lt(wanted.get(asset)!));
    diagnostics.push({
      severity: 'warning',
      code: 'constraint.insufficient_cash',
      message: `Not enough to fund every buy: ${formatMoney(need)} short after sales and cash above its floor ${formatMoney(floor)}; ${short.join(', ')} stay${short.length === 1 ? 's' : ''} below target.`,
    });
    wanted.clear();
    for (const [asset, amount] of scaled) wanted.set(asset, amount);
  }
  for (const [asset, amount] of wanted) {
    const row = rowOf.get(asset)!;
    intents.set(asset, { delta: amount, reason: `drifted ${formatSignedPercent(row.drift!)} against ${formatPercent(row.target!)}` });
  }

  // 4. Proceeds (and cash above its band) that no drifted buy needs: the most underweight first.
  const placed = sum([...wanted.values()]);
  const surplus = net(sells).plus(cashDrifted && cash!.weight.gt(cashBand.high) ? spare : ZERO).minus(gross(placed)).minus(cashNeed).div(ONE.plus(input.costRate));
  if (surplus.gt(input.minTradeValue)) {
    const deficits = new Map<string, Decimal>();
    for (const row of targeted) {
      if (row.cash || intents.has(row.asset) || !input.buyable.has(row.asset)) continue;
      const deficit = row.target!.times(T).minus(row.value);
      if (deficit.gt(0)) deficits.set(row.asset, deficit);
    }
    for (const [asset, amount] of waterFillAboveMinimum(deficits, surplus, input.minTradeValue).fills) {
      const row = rowOf.get(asset)!;
      intents.set(asset, { delta: amount, reason: `underweight ${formatSignedPercent(row.drift!)}; bought with proceeds` });
    }
  }
  return { intents, diagnostics };
}
