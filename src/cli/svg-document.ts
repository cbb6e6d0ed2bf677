// The smallest SVG writer that is safe to attach to an alert: every text and attribute escaped,
// characters XML 1.0 forbids dropped, no external reference (no href, no font or style sheet
// URL), numbers with one decimal so the file stays small and the output deterministic.
export type Attributes = Readonly<Record<string, string | number | undefined>>;

const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(FORBIDDEN, '').replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

export const coordinate = (value: number): string => (Number.isFinite(value) ? String(Math.round(value * 10) / 10) : '0');

function attributes(attrs: Attributes): string {
  return Object.entries(attrs)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${typeof value === 'number' ? coordinate(value) : escapeXml(value!)}"`)
    .join('');
}

/** An element; `children` are elements already built, never raw user text (use `textElement`). */
export function element(name: string, attrs: Attributes, children: readonly string[] = []): string {
  return children.length === 0 ? `<${name}${attributes(attrs)}/>` : `<${name}${attributes(attrs)}>${children.join('')}</${name}>`;
}

export function textElement(name: string, attrs: Attributes, content: string): string {
  return `<${name}${attributes(attrs)}>${escapeXml(content)}</${name}>`;
}

export function svgDocument(size: { width: number; height: number }, title: string, children: readonly string[]): string {
  const root = element(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', width: size.width, height: size.height, viewBox: `0 0 ${coordinate(size.width)} ${coordinate(size.height)}`, 'font-family': 'sans-serif', 'font-size': 11 },
    [textElement('title', {}, title), element('rect', { width: size.width, height: size.height, fill: '#ffffff' }), ...children],
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;
}
