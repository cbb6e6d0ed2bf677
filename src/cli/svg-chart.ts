// One chart panel of the history SVG: a frame, the value axis labels, the dates, an optional band
// (the target band an asset's weight should stay in, which may change over time) and lines. Pixel
// geometry is plain numbers: it is drawing, not money.
import { coordinate, element, textElement } from './svg-document.js';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PanelLine {
  /** Names the series in the file (data-series), for tools and tests that read it. */
  name: string;
  color: string;
  dashed?: boolean;
  points: readonly { t: number; v: number }[];
}

export interface PanelBand {
  points: readonly { t: number; low: number; high: number; target: number }[];
}

export interface Panel {
  box: Box;
  title: string;
  /** The time span shared by every panel, so they line up. */
  times: { from: number; to: number };
  values: { low: number; high: number };
  formatValue: (value: number) => string;
  formatTime: (t: number) => string;
  lines: readonly PanelLine[];
  band?: PanelBand | undefined;
}

export function chartPanel(panel: Panel): string {
  const { box, times, values } = panel;
  const x = (t: number) => box.x + (times.to === times.from ? box.width / 2 : ((t - times.from) / (times.to - times.from)) * box.width);
  const y = (v: number) => box.y + box.height - (values.high === values.low ? box.height / 2 : ((v - values.low) / (values.high - values.low)) * box.height);
  const label = (text: string, at: { x: number; y: number }, anchor: 'start' | 'end' | 'middle') => textElement('text', { x: at.x, y: at.y, 'text-anchor': anchor, fill: '#444444' }, text);
  return element('g', { 'data-panel': panel.title }, [
    textElement('text', { x: box.x, y: box.y - 8, 'font-weight': 'bold', fill: '#222222' }, panel.title),
    element('rect', { x: box.x, y: box.y, width: box.width, height: box.height, fill: 'none', stroke: '#cccccc' }),
    ...(panel.band ? bandShapes(panel.band, x, y) : []),
    label(panel.formatValue(values.high), { x: box.x - 6, y: box.y + 4 }, 'end'),
    label(panel.formatValue(values.low), { x: box.x - 6, y: box.y + box.height }, 'end'),
    label(panel.formatTime(times.from), { x: box.x, y: box.y + box.height + 14 }, 'start'),
    ...(times.to === times.from ? [] : [label(panel.formatTime(times.to), { x: box.x + box.width, y: box.y + box.height + 14 }, 'end')]),
    ...panel.lines.flatMap((line) => lineShapes(line, x, y)),
  ]);
}

const path = (points: readonly { x: number; y: number }[]) => points.map((p) => `${coordinate(p.x)},${coordinate(p.y)}`).join(' ');

function bandShapes(band: PanelBand, x: (t: number) => number, y: (v: number) => number): string[] {
  const sorted = [...band.points].sort((a, b) => a.t - b.t);
  if (sorted.length === 0) return [];
  const upper = sorted.map((p) => ({ x: x(p.t), y: y(p.high) }));
  const lower = [...sorted].reverse().map((p) => ({ x: x(p.t), y: y(p.low) }));
  return [
    element('polygon', { 'data-series': 'band', points: path([...upper, ...lower]), fill: '#d8f0d8', stroke: 'none' }),
    element('polyline', { 'data-series': 'target', points: path(sorted.map((p) => ({ x: x(p.t), y: y(p.target) }))), fill: 'none', stroke: '#5a9a5a', 'stroke-dasharray': '4 3' }),
  ];
}

function lineShapes(line: PanelLine, x: (t: number) => number, y: (v: number) => number): string[] {
  const sorted = [...line.points].sort((a, b) => a.t - b.t).map((p) => ({ x: x(p.t), y: y(p.v) }));
  if (sorted.length === 0) return [];
  return [
    element('polyline', { 'data-series': line.name, points: path(sorted), fill: 'none', stroke: line.color, 'stroke-width': 2, 'stroke-dasharray': line.dashed ? '6 4' : undefined }),
    ...sorted.map((p) => element('circle', { cx: p.x, cy: p.y, r: 2.5, fill: line.color })),
  ];
}
