// A line chart in plain text: one mark per point, dots between points, the value axis on the left
// and the first and last dates under it. No colour and no cursor movement, so it reads the same in
// a terminal, a pipe, a log file or a chat message. Time runs to scale along the x axis.
import type { Decimal } from '../money.js';

export interface ChartSeries {
  /** One character drawn at each point, e.g. "●". */
  mark: string;
  label: string;
  /** Drawn between points; "·" unless given, so two series can be told apart without colour. */
  connector?: string;
  points: readonly { at: Date; value: Decimal }[];
}

export interface ChartOptions {
  width?: number;
  height?: number;
  formatValue: (value: Decimal) => string;
  formatTime?: (at: Date) => string;
}

const CONNECTOR = '·';

/** The chart, or undefined when no series has a point. */
export function renderLineChart(series: readonly ChartSeries[], options: ChartOptions): string | undefined {
  const points = series.flatMap((s) => s.points);
  if (points.length === 0) return undefined;
  const width = options.width ?? 56;
  const height = options.height ?? 10;
  const times = points.map((p) => p.at.getTime());
  const [t0, t1] = [Math.min(...times), Math.max(...times)];
  const values = points.map((p) => p.value);
  let [low, high] = [values.reduce((a, b) => (b.lt(a) ? b : a)), values.reduce((a, b) => (b.gt(a) ? b : a))];
  // A flat line still needs a range to sit in: put it in the middle.
  if (low.eq(high)) [low, high] = [low.minus(low.abs().div(100).plus(1)), high.plus(high.abs().div(100).plus(1))];
  const column = (at: Date) => (t1 === t0 ? 0 : Math.round(((at.getTime() - t0) / (t1 - t0)) * (width - 1)));
  const row = (value: Decimal) => Math.round(value.minus(low).div(high.minus(low)).toNumber() * (height - 1));
  const grid = Array.from({ length: height }, () => Array.from({ length: width }, () => ' '));
  // The first series is drawn last, so its marks win where series meet.
  for (const s of [...series].reverse()) plot(grid, s, column, row);
  return frame(grid, { low, high, t0, t1 }, options, series);
}

function plot(grid: string[][], series: ChartSeries, column: (at: Date) => number, row: (value: Decimal) => number): void {
  const cells = [...series.points].sort((a, b) => a.at.getTime() - b.at.getTime()).map((p) => ({ x: column(p.at), y: row(p.value) }));
  cells.forEach((cell, index) => {
    const next = cells[index + 1];
    if (!next) return;
    for (let x = cell.x + 1; x < next.x; x += 1) {
      const y = Math.round(cell.y + ((next.y - cell.y) * (x - cell.x)) / (next.x - cell.x));
      const line = grid[y]!;
      if (line[x] === ' ') line[x] = series.connector ?? CONNECTOR;
    }
  });
  for (const cell of cells) grid[cell.y]![cell.x] = series.mark;
}

function frame(grid: string[][], range: { low: Decimal; high: Decimal; t0: number; t1: number }, options: ChartOptions, series: readonly ChartSeries[]): string {
  const height = grid.length;
  const width = grid[0]!.length;
  const label = (index: number) => {
    if (index === height - 1) return options.formatValue(range.high);
    if (index === 0) return options.formatValue(range.low);
    return '';
  };
  const labels = grid.map((_, index) => label(index));
  const labelWidth = Math.max(...labels.map((text) => [...text].length));
  const lines = grid
    .map((cells, index) => `${labels[index]!.padStart(labelWidth)} ${index === 0 || index === height - 1 ? '┤' : '│'}${cells.join('')}`)
    .reverse();
  const time = options.formatTime ?? ((at: Date) => at.toISOString().slice(0, 10));
  const [first, last] = [time(new Date(range.t0)), time(new Date(range.t1))];
  const axis = `${' '.repeat(labelWidth)} └${'─'.repeat(width)}`;
  const dates = range.t0 === range.t1 ? first : `${first}${' '.repeat(Math.max(1, width - first.length - last.length))}${last}`;
  const legend = series.map((s) => `${s.mark} ${s.label}`).join('   ');
  return [...lines, axis, `${' '.repeat(labelWidth + 2)}${dates}`, `${' '.repeat(labelWidth + 2)}${legend}`].join('\n');
}
