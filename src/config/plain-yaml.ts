// A fast reader for the plain YAML that configs are written in: block maps and sequences, one-line
// flow collections, plain and quoted scalars, comments. `yaml` builds a full syntax tree first and
// takes ~0.4 ms per kB; this reads a line at a time and is ~20x faster. It gives up (undefined) on
// anything else (anchors, tags, block scalars, multi-line values, duplicate keys, tabs, ...) and
// then `yaml` reads the file, so it only has to agree with `yaml` on what it accepts. Numbers stay
// their source text, as parse-yaml.ts keeps them.

const GIVE_UP = Symbol('not plain YAML');
const giveUp = (): never => {
  throw GIVE_UP;
};

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

const PLAIN_KEY = /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/;
const NULL = /^(?:~|[Nn]ull|NULL)$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const NUMBER = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
// Characters a plain scalar may not start with (YAML's indicators).
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;
const FLOW_PLAIN = /[^,[\]{}:]*/y;
const FLOW_KEY = /[A-Za-z0-9_./-]*/y;
const DOUBLE_QUOTED = /"(?:[^"\\]|\\.)*"/y;
const SINGLE_QUOTED = /'(?:[^']|'')*'/y;
const ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', r: '\r', '0': '\0', ' ': ' ' };

/** A plain scalar's value under YAML 1.2's core schema; numbers keep their text. */
function plain(text: string): unknown {
  if (text === '' || (INDICATOR.test(text) && !/^-[^ ]/.test(text))) giveUp();
  if (NULL.test(text)) return null;
  if (BOOL.test(text)) return text[0] === 't' || text[0] === 'T';
  return text;
}

/** A map key: text only, never one YAML would read as a number, boolean or null. */
function checkKey(key: string, map: Record<string, unknown>): string {
  if (key === '__proto__' || key === '<<' || key.length > 1000 || Object.hasOwn(map, key)) giveUp();
  return key;
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
    if (!PLAIN_KEY.test(key) || NUMBER.test(key) || NULL.test(key) || BOOL.test(key)) giveUp();
  }
  if (text[after] !== ':' || (after + 1 < text.length && text[after + 1] !== ' ')) return undefined;
  return { key, rest: text.slice(after + 1).trim() };
}

/** One line's flow collection or quoted scalar; gives up unless it closes on the line. */
class FlowReader {
  at = 0;
  constructor(private readonly text: string) {}

  value(): unknown {
    this.space();
    const c = this.text[this.at];
    if (c === '{') return this.map();
    if (c === '[') return this.sequence();
    if (c === '"' || c === "'") return this.quoted();
    // Sticky regular expressions rather than a loop over characters: a one-shot CLI runs this
    // code cold, where the interpreter is slow and the regular expression engine is not.
    const text = this.match(FLOW_PLAIN);
    if (text.includes(' #') || this.text[this.at] === ':') giveUp();
    return plain(text.trimEnd());
  }

  quoted(): string {
    if (this.text[this.at] === "'") return this.match(SINGLE_QUOTED).slice(1, -1).replaceAll("''", "'");
    const body = this.match(DOUBLE_QUOTED).slice(1, -1);
    return body.includes('\\') ? body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/g, (_, e: string) => (e.length > 1 ? String.fromCharCode(parseInt(e.slice(1), 16)) : (ESCAPES[e] ?? giveUp()))) : body;
  }

  /** Only a comment may follow the value. */
  end(): void {
    this.space();
    if (this.at < this.text.length && !(this.text[this.at] === '#' && this.text[this.at - 1] === ' ')) giveUp();
  }

  private map(): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    this.at++;
    if (this.next() === '}') return this.close(map);
    for (;;) {
      this.space();
      const quotedKey = this.text[this.at] === '"' || this.text[this.at] === "'";
      const start = this.at;
      const key = quotedKey ? this.quoted() : this.plainKey();
      if (this.text[this.at] !== ':' || (!quotedKey && this.text[this.at + 1] !== ' ') || start === this.at) giveUp();
      this.at++;
      map[checkKey(key, map)] = this.value();
      const c = this.next();
      if (c === '}') return this.close(map);
      if (c !== ',' || this.next(1) === '}') giveUp();
    }
  }

  private sequence(): unknown[] {
    const items: unknown[] = [];
    this.at++;
    if (this.next() === ']') return this.close(items);
    for (;;) {
      items.push(this.value());
      const c = this.next();
      if (c === ']') return this.close(items);
      if (c !== ',' || this.next(1) === ']') giveUp();
    }
  }

  private plainKey(): string {
    const key = this.match(FLOW_KEY);
    if (!PLAIN_KEY.test(key) || NUMBER.test(key) || NULL.test(key) || BOOL.test(key)) giveUp();
    return key;
  }

  /** The text `pattern` (sticky) matches here, moving past it; gives up when it does not match. */
  private match(pattern: RegExp): string {
    pattern.lastIndex = this.at;
    const found = pattern.exec(this.text) ?? giveUp();
    this.at = pattern.lastIndex;
    return found[0];
  }

  private close<T>(value: T): T {
    this.at++;
    return value;
  }

  private space(): void {
    while (this.text[this.at] === ' ') this.at++;
  }

  /** The next character that is not a space, `skip` characters on; the position moves to it. */
  private next(skip = 0): string | undefined {
    this.at += skip;
    this.space();
    return this.text[this.at];
  }
}
