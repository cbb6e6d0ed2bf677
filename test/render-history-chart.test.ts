// The plain-text chart and the SVG writer on their own: where points land, what a flat series
// does, that text is escaped, and that the well-formedness check used on the SVGs can fail.
import { describe, expect, it } from 'vitest';
import { renderLineChart } from '../src/cli/render-history-chart.js';
import { element, escapeXml, svgDocument, textElement } from '../src/cli/svg-document.js';
import { Decimal } from '../src/money.js';
import { wellFormedXml } from './helpers/well-formed-xml.js';

const at = (day: number) => new Date(Date.UTC(2026, 0, day));
const point = (day: number, value: number) => ({ at: at(day), value: new Decimal(value) });
const format = (value: Decimal) => value.toFixed(0);

describe('renderLineChart', () => {
  it('puts time to scale along x and values along y, with dots between points', () => {
    const chart = renderLineChart([{ mark: '●', label: 'value', points: [point(1, 100), point(5, 300), point(9, 200)] }], { width: 9, height: 3, formatValue: format });
    // Points at columns 0, 4 and 8 (days 1, 5, 9 of 9 columns); the dots follow the line between them.
    expect(chart!.split('\n')).toEqual(['300 ┤   ·●··  ', '    │ ··    ·●', '100 ┤●        ', '    └─────────', '     2026-01-01 2026-01-09', '     ● value']);
  });

  it('gives a flat series a range to sit in and a single instant one date', () => {
    const chart = renderLineChart([{ mark: '*', label: 'flat', points: [point(3, 50), point(3, 50)] }], { width: 4, height: 3, formatValue: format })!;
    expect(chart.split('\n')).toEqual(['52 ┤    ', '   │*   ', '48 ┤    ', '   └────', '    2026-01-03', '    * flat']);
    expect(renderLineChart([{ mark: '*', label: 'none', points: [] }], { formatValue: format })).toBeUndefined();
  });
});

describe('SVG writer', () => {
  it('escapes text and attributes and drops characters XML forbids', () => {
    expect(escapeXml(`a<b>&"c"'\u0001`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;');
    const svg = svgDocument({ width: 10, height: 10 }, 'R&D <fund>', [element('g', { 'data-panel': 'x"y' }, [textElement('text', {}, '</svg><script>')])]);
    expect(svg).toContain('<title>R&amp;D &lt;fund&gt;</title>');
    expect(svg).not.toContain('<script>');
    expect(wellFormedXml(svg)).toBe(true);
  });

  it('the well-formedness check refuses broken documents', () => {
    expect(wellFormedXml('<svg><g></svg></g>')).toBe(false);
    expect(wellFormedXml('<svg><text>a & b</text></svg>')).toBe(false);
    expect(wellFormedXml('<svg a="1" a="2"/>')).toBe(false);
    expect(wellFormedXml('<svg a=1/>')).toBe(false);
    expect(wellFormedXml('<svg/><svg/>')).toBe(false);
    expect(wellFormedXml('<svg>')).toBe(false);
    expect(wellFormedXml('<svg><text>a &amp; b &#38;</text></svg>')).toBe(true);
  });
});
