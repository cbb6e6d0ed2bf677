// Scalars and one-line flow collections ({a: 1}, [x, "y"]) for plain-yaml.ts, under YAML 1.2's
// core schema as `yaml` reads them; anything else gives up (throws GIVE_UP) for `yaml` to read.

export const GIVE_UP = Symbol('not plain YAML');
export const giveUp = (): never => {
  throw GIVE_UP;
};

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
export function plain(text: string): unknown {
  if (text === '' || (INDICATOR.test(text) && !/^-[^ ]/.test(text))) giveUp();
  if (NULL.test(text)) return null;
  if (BOOL.test(text)) return text[0] === 't' || text[0] === 'T';
  return text;
}

/** A map key: text only, never one YAML would read as a number, boolean or null. */
export function checkKey(key: string, map: Record<string, unknown>): string {
  if (key === '__proto__' || key === '<<' || key.length > 1000 || Object.hasOwn(map, key)) giveUp();
  return key;
}

/** A key written plain that YAML reads as text, not as a number, boolean or null. */
export function isPlainKey(key: string): boolean {
  return PLAIN_KEY.test(key) && !NUMBER.test(key) && !NULL.test(key) && !BOOL.test(key);
}

/** One line's flow collection or quoted scalar; gives up unless it closes on the line. */
export class FlowReader {
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
    if (!isPlainKey(key)) giveUp();
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
