// `kit rebalance history --svg FILE`: the history's charts as one self-contained SVG an alert can
// attach: the portfolio's value over time (with the first snapshot held unchanged, when the
// records allow it), then one panel per asset with its weight against its target band.
import { formatMoney, formatPercent } from '../format.js';
import { Decimal } from '../money.js';
import type { AssetWeights, RebalanceHistory } from '../rebalancer.js';
import { chartPanel, type Panel } from './svg-chart.js';
import { svgDocument, textElement } from './svg-document.js';

const WIDTH = 760;
const LEFT = 90;
const PLOT_WIDTH = WIDTH - LEFT - 30;
const VALUE_HEIGHT = 220;
const WEIGHT_HEIGHT = 110;
const GAP = 60;

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The SVG, or undefined when the history has nothing to chart. */
export function historySvg(history: RebalanceHistory, options: { currency: string; title?: string }): string | undefined {
  const { performance } = history;
  if (performance.values.length === 0) return undefined;
  const allTimes = [...performance.values.map((p) => p.at.getTime()), ...history.weights.flatMap((w) => w.points.map((p) => p.at.getTime()))];
  const times = { from: Math.min(...allTimes), to: Math.max(...allTimes) };
  const title = options.title ?? `Rebalance history, ${day(times.from)} to ${day(times.to)}`;
  const top = 60;
  const panels = [valuePanel(history, times, options.currency, top), ...history.weights.map((series, index) => weightPanel(series, times, top + VALUE_HEIGHT + GAP + index * (WEIGHT_HEIGHT + GAP)))];
  const height = top + VALUE_HEIGHT + GAP + history.weights.length * (WEIGHT_HEIGHT + GAP);
  return svgDocument({ width: WIDTH, height }, title, [
    textElement('text', { x: LEFT, y: 24, 'font-size': 15, 'font-weight': 'bold', fill: '#111111' }, title),
    ...panels.map(chartPanel),
  ]);
}

function valuePanel(history: RebalanceHistory, times: Panel['times'], currency: string, top: number): Panel {
  const { performance } = history;
  const actual = performance.values.map((p) => ({ t: p.at.getTime(), v: p.value.toNumber() }));
  const held = performance.bonusSeries.map((p) => ({ t: p.at.getTime(), v: p.held.toNumber() }));
  const all = [...actual, ...held].map((p) => p.v);
  const [low, high] = padded(Math.min(...all), Math.max(...all));
  return {
    box: { x: LEFT, y: top, width: PLOT_WIDTH, height: VALUE_HEIGHT },
    title: held.length > 0 ? `Portfolio value (${currency}); dashed: the first snapshot held unchanged` : `Portfolio value (${currency})`,
    times,
    values: { low, high },
    formatValue: (value) => formatMoney(new Decimal(value), currency, 0),
    formatTime: day,
    lines: [{ name: 'value', color: '#1f5fa8', points: actual }, ...(held.length > 0 ? [{ name: 'held', color: '#999999', dashed: true, points: held }] : [])],
  };
}

function weightPanel(series: AssetWeights, times: Panel['times'], top: number): Panel {
  const points = series.points.map((p) => ({ t: p.at.getTime(), v: p.weight.toNumber() }));
  const banded = series.points.filter((p) => p.band);
  const band = banded.map((p) => ({ t: p.at.getTime(), low: p.band!.low.toNumber(), high: p.band!.high.toNumber(), target: p.band!.target.toNumber() }));
  const highest = Math.max(...points.map((p) => p.v), ...band.map((p) => p.high));
  const latest = series.points.at(-1)?.band;
  return {
    box: { x: LEFT, y: top, width: PLOT_WIDTH, height: WEIGHT_HEIGHT },
    title: `${series.asset} weight${latest ? `; band ${formatPercent(latest.low)} to ${formatPercent(latest.high)} around ${formatPercent(latest.target)}` : ''}`,
    times,
    values: { low: 0, high: Math.min(1, Math.max(0.01, highest * 1.1)) },
    formatValue: (value) => formatPercent(new Decimal(value)),
    formatTime: day,
    lines: [{ name: `weight:${series.asset}`, color: '#c0392b', points }],
    band: band.length > 0 ? { points: band } : undefined,
  };
}

/** A range with a little room above and below, and some height when flat. */
function padded(low: number, high: number): [number, number] {
  const room = high === low ? Math.max(1, Math.abs(high) * 0.01) : (high - low) * 0.1;
  return [low - room, high + room];
}
