// YAML text to a plain object for the schema. Two choices: numbers keep their source text, so
// that `0.123456789012345678` reaches Decimal without passing through a float; and duplicate keys
// are reported by path (with the line) instead of the parser's first-error-only message.
// `yaml` is required on first use: most runs read their file with plain-yaml.ts and never need it.
import { createRequire } from 'node:module';
import type { Document, Node } from 'yaml';
import type { ConfigProblem } from './problems.js';

export interface ParsedYaml {
  value: unknown;
  problems: ConfigProblem[];
  /** The 1-based line of the node at `path`, if the text has one. */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

export function parseYaml(text: string): ParsedYaml {
  try {
    return parseYamlDocument(text);
  } catch (error) {
    // The parser's own limits (an alias bomb, a nesting deeper than the stack) are a bad file too.
    return { value: undefined, problems: [{ path: [], message: parserLimitMessage(error) }], lineOf: () => undefined };
  }
}

function parserLimitMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (/alias/i.test(message)) return 'the file expands aliases (*name) into too many values; a config needs few, if any, aliases';
  if (error instanceof RangeError) return 'the file is nested too deeply to read; a config is a few levels deep';
  return `the file cannot be read as YAML (${message.split('\n')[0] || 'parser failure'})`;
}

function parseYamlDocument(text: string): ParsedYaml {
  const { LineCounter, parseDocument } = loadYaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: false, lineCounter, prettyErrors: false, logLevel: 'error' });
  const lineAt = (offset: number | undefined) => (offset === undefined ? undefined : lineCounter.linePos(offset).line);
  const problems: ConfigProblem[] = doc.errors.map((error) => ({
    path: [],
    message: /call stack/i.test(error.message) ? 'the file is nested too deeply to read; a config is a few levels deep' : `${error.message.split('\n')[0]}`,
    line: lineAt(error.pos[0]),
  }));
  if (problems.length > 0) return { value: undefined, problems, lineOf: () => undefined };
  // From here on, problems are duplicate keys: the document is still read, so that the rest of
  // the file is checked in the same run.

  keepNumberText(doc.contents);
  findDuplicateKeys(doc.contents, [], problems, lineAt);
  return {
    value: doc.toJS({ maxAliasCount: 100 }),
    problems,
    lineOf: (path) => lineAt(nodeAt(doc, path)?.range?.[0]),
  };
}

function loadYaml(): typeof import('yaml') {
  return createRequire(import.meta.url)('yaml') as typeof import('yaml');
}

function keepNumberText(node: unknown): void {
  const { isMap, isPair, isScalar, isSeq } = loadYaml();
  if (isScalar(node)) {
    if (typeof node.value === 'number' && typeof node.source === 'string') node.value = node.source;
  } else if (isMap(node) || isSeq(node)) {
    for (const item of node.items) {
      if (isPair(item)) keepNumberText(item.value);
      else keepNumberText(item);
    }
  }
}

function findDuplicateKeys(
  node: unknown,
  path: (string | number)[],
  problems: ConfigProblem[],
  lineAt: (offset: number | undefined) => number | undefined,
): void {
  const { isMap, isScalar, isSeq } = loadYaml();
  if (isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (seen.has(key)) {
        problems.push({ path, message: `duplicate key ${JSON.stringify(key)}; each key may appear once`, line: lineAt((pair.key as Node | null)?.range?.[0]) });
      }
      seen.add(key);
      findDuplicateKeys(pair.value, [...path, key], problems, lineAt);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => findDuplicateKeys(item, [...path, index], problems, lineAt));
  }
}

function nodeAt(doc: Document, path: readonly (string | number)[]): Node | undefined {
  const { isMap, isScalar, isSeq } = loadYaml();
  // The deepest node that exists on the path: a missing key is reported at its parent.
  let node: unknown = doc.contents;
  for (const key of path) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((item) => (isScalar(item.key) ? String(item.key.value) : String(item.key)) === String(key));
      next = pair?.value ?? pair?.key;
    } else if (isSeq(node) && typeof key === 'number') {
      next = node.items[key];
    }
    if (next === undefined || next === null) break;
    node = next;
  }
  return (node ?? undefined) as Node | undefined;
}
