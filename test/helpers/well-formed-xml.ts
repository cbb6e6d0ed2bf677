// A strict well-formedness check for the SVGs the CLI writes (no XML parser is a dependency):
// one root, every tag closed in order, attributes quoted and not repeated, only the five
// predefined entities or character references, no raw '<' or '&' in text or attributes.
const NAME = '[A-Za-z_:][A-Za-z0-9_:.-]*';
const ATTRIBUTE = new RegExp(`\\s+(${NAME})\\s*=\\s*("[^"<]*"|'[^'<]*')`, 'gy');
const TAG = new RegExp(`^<(/?)(${NAME})`);
const ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

export function wellFormedXml(document: string): boolean {
  let text = document.replace(/^<\?xml[^?]*\?>\s*/, '');
  const open: string[] = [];
  let roots = 0;
  while (text.length > 0) {
    const next = text.indexOf('<');
    const chars = next === -1 ? text : text.slice(0, next);
    if (ENTITY.test(chars) || (open.length === 0 && chars.trim() !== '')) return false;
    if (next === -1) break;
    text = text.slice(next);
    const tag = TAG.exec(text);
    if (!tag) return false;
    const [, closing, name] = tag as unknown as [string, string, string];
    let rest = text.slice(tag[0].length);
    if (closing) {
      const end = /^\s*>/.exec(rest);
      if (!end || open.pop() !== name) return false;
      text = rest.slice(end[0].length);
      continue;
    }
    const seen = new Set<string>();
    ATTRIBUTE.lastIndex = 0;
    for (let match = ATTRIBUTE.exec(rest); match; match = ATTRIBUTE.exec(rest)) {
      if (seen.has(match[1]!) || ENTITY.test(match[2]!)) return false;
      seen.add(match[1]!);
      rest = rest.slice(match[0].length);
      ATTRIBUTE.lastIndex = 0;
    }
    const end = /^\s*(\/?)>/.exec(rest);
    if (!end) return false;
    if (open.length === 0) roots += 1;
    if (!end[1]) open.push(name);
    text = rest.slice(end[0].length);
  }
  return open.length === 0 && roots === 1;
}
