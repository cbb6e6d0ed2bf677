// The fast config reader (src/config/plain-yaml.ts) must read every file it accepts exactly as
// `yaml` does, or give up so that `yaml` reads it: otherwise a config could mean something else
// than what the user wrote. Checked against `yaml` on the fixtures, on hand-picked corners of
// YAML, on random documents `yaml` writes in every style, and on random edits of the demo.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ConfigError, parseConfigText } from '../src/config.js';
import { parseYaml } from '../src/config/parse-yaml.js';
import { readPlainYaml } from '../src/config/plain-yaml.js';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');
const demo = fixture('demo/rebalancer.yaml');

let readFast = 0;

/** Fails when the fast reader accepts a text that `yaml` refuses or reads differently. */
function agreesWithYaml(text: string): boolean {
  const fast = readPlainYaml(text);
  if (!fast) return true;
  readFast++;
  const full = parseYaml(text);
  expect(full.problems, text).toEqual([]);
  expect(fast.value, text).toStrictEqual(full.value);
  return true;
}

describe('the fast config reader', () => {
  it('reads the demo and the seed config itself, as yaml does', () => {
    for (const text of [demo, fixture('seed-config.yaml')]) {
      expect(readPlainYaml(text)).toBeDefined();
      agreesWithYaml(text);
    }
  });

  it.each([
    'a: 1', 'a: +12', 'a: .5', 'a: 1e3', 'a: 0x1F', 'a: 0o17', 'a: .inf', 'a: .nan', 'a: -0', 'a: 12_000',
    'a: ~', 'a: null', 'a: NULL', 'a: nUll', 'a: true', 'a: True', 'a: yes', 'a: off', 'a:', 'a: 09:00', 'a: 2024-01-01',
    'a: # comment\n  b: 1', 'a:\n- 1\n- 2\nb: 3', 'a:\n  - x: 1\n    y: 2\n  - z', 'a:\n- - 1\n  - 2\n- - 3', 'a:\n  -\n    b: 1',
    "a: [1, \"b\", 'c''d', {e: f}]", 'a: {}', 'a: [ ]', 'a: "\\u00e9\\n\\t\\"x\\x41"', 'a: 40%', 'a: $100', 'a: ±3%', 'a: b # c', 'a: b#c',
    '"k": v', "'k': v", 'a: {"b":1}', 'a: [a b, c d]', 'a: 1\r\nb: 2\r\n', '  a: 1\n  b: 2', 'a: 1\n  # indented comment\nb: 2', '2026-01-01: 5',
    // Given up on, for yaml to read or refuse:
    'a: - b', 'a: b: c', 'a: [a, b,]', 'a: {a}', 'a:\n  b\n  c', 'a: &x 1\nb: *x', 'a: !!str 1', 'a: |\n  x', 'a: >\n  x', 'a: 1\na: 2',
    '1: x', 'true: x', 'a b: c', 'a:\n  b: 1\n c: 2', 'a:\n    b: 1\n  c: 2', 'a', '', '# only', 'a: "multi\n  line"', 'a: x\n  y', 'a: {b: 09:00}',
    '__proto__: 1', 'a:\tb', '---\na: 1', 'a: "\\U0001F600"', 'a: @x', 'a: [1, 2] x', 'k: {a: 1, a: 2}', '"a" : 1', 'a: {b:1}',
  ])('agrees with yaml on %j', (text) => {
    agreesWithYaml(text);
  });

  it('gives up on YAML it does not read (anchors, block scalars, duplicate keys)', () => {
    expect(readPlainYaml('a: &x 1\nb: *x')).toBeUndefined();
    expect(readPlainYaml('a: |\n  text')).toBeUndefined();
    expect(readPlainYaml('a: 1\na: 2')).toBeUndefined();
  });

  const key = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/);
  const scalar = fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom('1', '0.5', '-3', '40%', '$1,000', 'null', '~', 'true', 'False', '.inf', '0x1F', '2024-01-01', 'a: b', '#x', 'x #y', "it's", '"q"', '\\', '±3%'),
    fc.boolean(),
    fc.constant(null),
  );
  const tree = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('map'), tie('list')),
    map: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
    list: fc.array(tie('node'), { maxLength: 4 }),
  }));

  const collectionStyle = fc.constantFrom('any', 'block', 'flow') as fc.Arbitrary<'any' | 'block' | 'flow'>;
  const stringType = fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE') as fc.Arbitrary<'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE'>;

  it('reads random documents as yaml does, in every style yaml writes', () => {
    readFast = 0;
    fc.assert(
      fc.property(tree.map, collectionStyle, stringType, fc.integer({ min: 1, max: 4 }), fc.boolean(), (doc, collectionStyle, defaultStringType, indent, indentSeq) =>
        agreesWithYaml(stringify({ root: doc, other: 1 }, { collectionStyle, defaultStringType, indent, indentSeq, lineWidth: 0 })),
      ),
      { numRuns: 400, seed: 7 },
    );
    expect(readFast).toBeGreaterThan(300); // most of them fast, so the comparison is not empty
  });

  it('reads random edits of the demo config as yaml does, or gives up', () => {
    readFast = 0;
    const edit = fc.tuple(fc.nat(demo.length - 1), fc.nat(3), fc.constantFrom(' ', '  ', '\n', ':', '- ', '#', '"', "'", '{', '}', '[', ']', ',', '&', '*', '|', '>', '!', 'x', '0', '\t', ''));
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        let text = demo;
        for (const [at, remove, insert] of edits) text = text.slice(0, at) + insert + text.slice(at + remove);
        return agreesWithYaml(text);
      }),
      { numRuns: 1500, seed: 11 },
    );
    expect(readFast).toBeGreaterThan(200);
  });

  it('still names the line of a problem in a file it read fast', () => {
    const text = demo.replace('  drift_threshold: 5%', '  drift_threshold: 500%');
    expect(readPlainYaml(text)).toBeDefined();
    const line = text.split('\n').findIndex((l) => l.includes('drift_threshold')) + 1;
    expect(() => parseConfigText(text, 'demo.yaml')).toThrow(ConfigError);
    expect(() => parseConfigText(text, 'demo.yaml')).toThrow(`portfolio_rebalancer.drift_threshold (line ${line}): "500%" is out of range`);
  });
});
