// A fast reader for the plain YAML that configs are written in: block maps and sequences, one-line
// flow collections, plain and quoted scalars, comments. `yaml` builds a full syntax tree first and
// takes ~0.5 ms per kB cold; this reads a line at a time and is ~10x faster. It gives up (undefined) on
// anything else (anchors, tags, block scalars, multi-line values, duplicate keys, tabs, ...) and
// then `yaml` reads the file, so it only has to agree with `yaml` on what it accepts. Numbers stay
// their source text, as parse-yaml.ts keeps them.
import { FlowReader, GIVE_UP, giveUp, plain, checkKey, isPlainKey } from './plain-yaml-flow.js';

interface Line {
  indent: number;
  text: string;
}

/** The document's value, or undefined when the text is not the plain YAML read here. */
export function readPlainYaml(text: string): { value: unknown } | undefined {
  try {
    return { value: new PlainReader(text).document() };
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

class PlainReader {
  private readonly lines: Line[] = [];
  private at = 0;

  constructor(text: string) {
    if (/[\t\uFEFF]/.test(text)) giveUp();
    for (const raw of text.split('\n')) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (line.includes('\r')) giveUp();
      const content = line.trimStart();
      if (content === '' || content.startsWith('#')) continue;
      if (/^(?:---|\.\.\.|%)/.test(line)) giveUp();
      this.lines.push({ indent: line.length - content.length, text: content.trimEnd() });
    }
  }

  document(): unknown {
    if (this.lines.length === 0) giveUp();
    const value = this.block(this.lines[0]!.indent);
    if (this.at < this.lines.length) giveUp();
    return value;
  }

  private block(indent: number): unknown {
    const { text } = this.lines[this.at]!;
    if (text[0] === '{' || text[0] === '[') {
      this.at++;
      return this.inline(text, indent);
    }
    return isItem(text) ? this.sequence(indent) : this.map(indent);
  }

  private map(indent: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    for (let line = this.lines[this.at]; line && line.indent >= indent; line = this.lines[this.at]) {
      if (line.indent > indent) giveUp();
      if (isItem(line.text)) break;
      const entry = splitKey(line.text) ?? giveUp();
      const key = checkKey(entry.key, map);
      this.at++;
      map[key] = entry.rest === '' || entry.rest.startsWith('#') ? this.nested(indent, true) : this.inline(entry.rest, indent);
    }
    return map;
  }

  private sequence(indent: number): unknown[] {
    const items: unknown[] = [];
    for (let line = this.lines[this.at]; line && line.indent >= indent; line = this.lines[this.at]) {
      if (line.indent > indent) giveUp();
      if (!isItem(line.text)) break;
      const rest = line.text.slice(1).trimStart();
      if (rest === '' || rest.startsWith('#')) {
        this.at++;
        items.push(this.nested(indent, false));
      } else if (isItem(rest) || splitKey(rest)) {
        // "- key: value" or "- - item": a compact block, indented to where its text starts.
        this.lines[this.at] = { indent: indent + line.text.length - rest.length, text: rest };
        items.push(this.block(this.lines[this.at]!.indent));
      } else {
        this.at++;
        items.push(this.inline(rest, indent));
      }
    }
    return items;
  }

  /** The block under "key:" or "-": more indented, or a sequence at the key's own indent. */
  private nested(indent: number, sequenceMayAlign: boolean): unknown {
    const next = this.lines[this.at];
    if (next && (next.indent > indent || (sequenceMayAlign && next.indent === indent && isItem(next.text)))) return this.block(next.indent);
    return null;
  }

  /** A value on the rest of a line; nothing may continue it on the lines below. */
  private inline(text: string, indent: number): unknown {
    const next = this.lines[this.at];
    if (next && next.indent > indent) giveUp();
    if (text[0] === '"' || text[0] === "'" || text[0] === '{' || text[0] === '[') {
      const flow = new FlowReader(text);
      const value = flow.value();
      flow.end();
      return value;
    }
    const hash = text.search(/ #/);
    const scalar = hash < 0 ? text : text.slice(0, hash).trimEnd();
    if (/: |:$/.test(scalar)) giveUp();
    return plain(scalar);
  }
}

const isItem = (text: string) => text === '-' || text.startsWith('- ');

/** "key: rest" with a plain or quoted key; undefined when the line is not a map entry. */
function splitKey(text: string): { key: string; rest: string } | undefined {
  let key: string;
  let after: number;
  if (text[0] === '{' || text[0] === '[') return undefined;
  if (text[0] === '"' || text[0] === "'") {
    const flow = new FlowReader(text);
    key = flow.quoted();
    after = flow.at;
  } else {
    after = text.search(/:(?: |$)/);
    if (after < 0) return undefined;
    key = text.slice(0, after);
    if (!isPlainKey(key)) giveUp();
  }
  if (text[after] !== ':' || (after + 1 < text.length && text[after + 1] !== ' ')) return undefined;
  return { key, rest: text.slice(after + 1).trim() };
}
