// Configs for tests, edited as data. A test names the values it changes by path
// (`c.set('risk.max_single_asset', '44%')`) on the parsed YAML document instead of replacing text:
// an edit whose path is wrong throws, where a text replace that matches nothing would leave the
// config unchanged and let the test pass without testing anything. The result is YAML text again,
// so the code under test still reads it through the config loader; the document (not a plain
// object) is edited so that untouched numbers, comments and line numbers keep their source text.
import { isMap, isScalar, isSeq, parseDocument, type Document, type ScalarTag, type YAMLMap } from 'yaml';
import { DEMO_YAML } from './preview.js';

/** `'venues.binance.balances'` or `['venues', 'binance', 'balances']`, from inside `portfolio_rebalancer:`. */
export type YamlPath = string | readonly (string | number)[];

const ROOT_KEY = 'portfolio_rebalancer';

/** A plain number as written: read as its number, written back as its text (yaml alone would print the float). */
class NumberText {
  constructor(readonly text: string) {}
  toJSON(): number {
    return Number(this.text);
  }
}
const numberAsWritten: ScalarTag = {
  tag: 'tag:yaml.org,2002:float',
  default: true,
  test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/,
  identify: (value) => value instanceof NumberText,
  resolve: (text) => new NumberText(text),
  stringify: ({ value }) => (value as NumberText).text,
};

export class ConfigDraft {
  constructor(
    private readonly doc: Document,
    private readonly root: readonly string[],
  ) {}

  /** The value at `path` as plain data; throws if there is none. */
  get(path: YamlPath): unknown {
    const full = this.existing(path, 'get');
    const node = this.doc.getIn(full, true);
    return isScalar(node) || isMap(node) || isSeq(node) ? node.toJS(this.doc) : node;
  }

  /** Replaces the value of a key that exists; throws if it does not (a typo) or if nothing would change. */
  set(path: YamlPath, value: unknown): this {
    const full = this.existing(path, 'set');
    if (JSON.stringify(this.get(path)) === JSON.stringify(value)) throw new Error(`set ${show(full)}: it is already ${JSON.stringify(value)}; the edit would change nothing`);
    // A raw scalar keeps the old node (and its quoting); an object becomes a new node.
    this.doc.setIn(full, isPlainScalar(value) ? value : this.doc.createNode(value));
    return this;
  }

  /** Adds a key that is not there yet to a map that is, at the end or just before key `before`. */
  add(path: YamlPath, value: unknown, options: { before?: string } = {}): this {
    const full = this.full(path);
    const key = full.at(-1);
    const parent = this.map(full.slice(0, -1), 'add');
    if (parent.has(key)) throw new Error(`add ${show(full)}: it is already there; use set`);
    const pair = this.doc.createPair(key, value);
    if (options.before === undefined) parent.items.push(pair);
    else {
      const index = parent.items.findIndex((item) => keyText(item.key) === options.before);
      if (index < 0) throw new Error(`add ${show(full)}: no key ${JSON.stringify(options.before)} to add it before`);
      parent.items.splice(index, 0, pair);
    }
    return this;
  }

  /** Deletes a key (or list item) that exists; throws if it does not. */
  delete(path: YamlPath): this {
    this.doc.deleteIn(this.existing(path, 'delete'));
    return this;
  }

  /** Removes the items of the list at `path` that `match`; throws if none does. */
  remove(path: YamlPath, match: (item: unknown) => boolean): this {
    const full = this.existing(path, 'remove');
    const list = this.doc.getIn(full, true);
    if (!isSeq(list)) throw new Error(`remove ${show(full)}: not a list`);
    const before = list.items.length;
    list.items = list.items.filter((item) => !match(isScalar(item) || isMap(item) || isSeq(item) ? item.toJS(this.doc) : item));
    if (list.items.length === before) throw new Error(`remove ${show(full)}: no item matched`);
    return this;
  }

  private full(path: YamlPath): (string | number)[] {
    const parts = typeof path === 'string' ? path.split('.') : [...path];
    return [...this.root, ...parts.map((part) => (typeof part === 'string' && /^\d+$/.test(part) ? Number(part) : part))];
  }

  private existing(path: YamlPath, verb: string): (string | number)[] {
    const full = this.full(path);
    if (!this.doc.hasIn(full)) {
      const parent = this.doc.getIn(full.slice(0, -1), true);
      const keys = isMap(parent) ? ` (it has ${parent.items.map((item) => keyText(item.key)).join(', ')})` : '';
      throw new Error(`${verb} ${show(full)}: there is no such key${keys}`);
    }
    return full;
  }

  private map(full: (string | number)[], verb: string): YAMLMap {
    const node = full.length === 0 ? this.doc.contents : this.doc.getIn(full, true);
    if (!isMap(node)) throw new Error(`${verb}: ${show(full)} is not a map in this config`);
    return node;
  }
}

/** `text` (a whole config file) with `edit` applied, as YAML text. */
export function editYaml(text: string, edit: (config: ConfigDraft) => void): string {
  const doc = parseDocument(text, { customTags: (tags) => [numberAsWritten, ...tags] });
  if (doc.errors.length > 0) throw new Error(`editYaml: the YAML does not parse: ${doc.errors[0]!.message}`);
  const root = isMap(doc.contents) && doc.contents.has(ROOT_KEY) ? [ROOT_KEY] : [];
  edit(new ConfigDraft(doc, root));
  return doc.toString({ lineWidth: 0 });
}

/** The demo portfolio (fixtures/demo/rebalancer.yaml), edited. */
export function demoConfig(edit: (config: ConfigDraft) => void): string {
  return editYaml(DEMO_YAML, edit);
}

/** `text` with the one occurrence of `from` replaced, for tests about the text itself (such as a line number); throws unless `from` occurs exactly once. */
export function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0) throw new Error(`replaceOnce: ${JSON.stringify(from)} is not in the text`);
  if (text.indexOf(from, at + 1) >= 0) throw new Error(`replaceOnce: ${JSON.stringify(from)} occurs more than once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

const isPlainScalar = (value: unknown) => value === null || (typeof value !== 'object' && typeof value !== 'function');
const keyText = (key: unknown) => String(isScalar(key) ? key.value : key);
const show = (path: readonly (string | number)[]) => path.join('.');
