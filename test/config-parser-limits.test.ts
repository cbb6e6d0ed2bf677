// Whatever bytes a config file holds, the user gets the config error format (exit 2), never a
// parser's crash: alias bombs, nesting deeper than the stack, huge scalars, bytes that are not
// UTF-8. A BOM is not a problem at all. No message names `undefined`, `NaN` or `[object Object]`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configText, ConfigError, parseConfigText } from '../src/config.js';
import { LEAKS, runInProcess } from './helpers/run-cli.js';
import { DEMO_YAML } from './helpers/preview.js';
import { tempDir } from './helpers/run-kit.js';

function problemsOf(text: string): string[] {
  try {
    parseConfigText(text, 'test');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).not.toMatch(LEAKS);
    return message.split('\n').slice(1).map((line) => line.replace(/^ {2}- /, ''));
  }
  throw new Error('expected the config to be refused');
}

const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...'bcdefghi'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n');

describe('parser failures are config problems', () => {
  it('a billion-laughs alias bomb', () => {
    expect(problemsOf(bomb)).toEqual(['(top level): the file expands aliases (*name) into too many values; a config needs few, if any, aliases']);
  });

  it('a document nested deeper than any config, in flow and in block style', () => {
    expect(problemsOf(`a: ${'['.repeat(50_000)}${']'.repeat(50_000)}`)).toEqual(['(top level) (line 1): the file is nested too deeply to read; a config is a few levels deep']);
    const block = Array.from({ length: 3000 }, (_, depth) => `${' '.repeat(depth)}k${depth}:`).join('\n');
    expect(problemsOf(block)).toEqual([expect.stringMatching(/^\(top level\) \(line \d+\): the file is nested too deeply to read; a config is a few levels deep$/)]);
  });

  it('a huge scalar is quoted short', () => {
    const problems = problemsOf(`portfolio_rebalancer:\n  strategy: ${'x'.repeat(200_000)}\n  drift_threshold: "${'9'.repeat(100_000)}%"\n`);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^portfolio_rebalancer\.strategy \(line 2\): unknown strategy "x{50,60}…" \(200000 characters\); expected one of threshold/);
    expect(problems[1]).toMatch(/^portfolio_rebalancer\.drift_threshold \(line 3\): "9{50,60}…" \(100001 characters\) is out of range/);
    for (const problem of problems) expect(problem.length).toBeLessThan(300);
  });

  it('bytes that are not UTF-8 are refused with their line; a BOM is read as nothing', () => {
    const bytes = Buffer.concat([Buffer.from('portfolio_rebalancer:\n  strategy: band\n  currency: US'), Buffer.from([0xff, 0xfe]), Buffer.from('D\n')]);
    expect(() => configText(bytes, 'bad.yaml')).toThrow(ConfigError);
    expect(() => configText(bytes, 'bad.yaml')).toThrow('(top level) (line 3): the file is not UTF-8 text (byte 54 cannot be read); save it as UTF-8');
    const withBom = configText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(DEMO_YAML)]), 'bom.yaml');
    expect(parseConfigText(withBom, 'bom.yaml').strategy).toBe('threshold');
    expect(parseConfigText(`\uFEFF${DEMO_YAML}`, 'bom.yaml').targets.BTC?.toFixed()).toBe('0.4');
  });

  it('a file far larger than a config is refused without being parsed', () => {
    expect(() => configText(Buffer.alloc(5 * 1024 * 1024, 0x20), 'big.yaml')).toThrow('the file is 5.0 MB; a config is at most 4 MB');
  });
});

describe('messages say what is there', () => {
  it('a venue without kind or adapter says they are missing, not "undefined"', () => {
    expect(problemsOf('portfolio_rebalancer:\n  venues:\n    x: {balances: {BTC: "1"}}\n')).toEqual([
      'portfolio_rebalancer.venues.x.kind (line 3): missing: give a venue kind, one of cex, dex, mt5, ibkr, wallet, paper',
      'portfolio_rebalancer.venues.x.adapter (line 3): expected an adapter name such as paper or manual',
    ]);
  });

  it('empty values, lists and mappings where a value goes are named by their shape', () => {
    expect(problemsOf('portfolio_rebalancer:\n  targets: {BTC: ~, ETH: [1], SOL: {a: 1}}\n  sectors: {a: 5}\n  venues: {x: ~}\n')).toEqual([
      'portfolio_rebalancer.targets.BTC (line 2): expected text or a number, not an empty value',
      'portfolio_rebalancer.targets.ETH (line 2): expected text or a number, not a list',
      'portfolio_rebalancer.targets.SOL (line 2): expected text or a number, not a mapping',
      'portfolio_rebalancer.sectors.a (line 3): expected a list of assets, or {assets: [...], max: 30%}, not "5"',
      'portfolio_rebalancer.venues.x (line 4): expected a mapping of settings, not an empty value',
    ]);
  });

  it('values of the wrong shape are named by their shape', () => {
    const problems = problemsOf('portfolio_rebalancer:\n  strategy: {a: 1}\n  execution: [fast]\n  venues:\n    x: {kind: [cex], adapter: paper, lots: [{asset: BTC, quantity: "1", unit_cost: "1"}]}\n');
    expect(problems).toEqual([
      'portfolio_rebalancer.strategy (line 2): unknown strategy a mapping; expected one of threshold, calendar, cash-flow, band, tactical',
      'portfolio_rebalancer.execution (line 3): expected a mapping of settings, not a list',
      'portfolio_rebalancer.venues.x.kind (line 5): unknown venue kind a list; expected one of cex, dex, mt5, ibkr, wallet, paper',
      'portfolio_rebalancer.venues.x.lots[0].acquired (line 5): missing; expected a date such as 2025-03-14',
    ]);
  });

  it('every problem of a section is listed: a bad schedule.day beside a bad time and timezone', () => {
    expect(problemsOf('portfolio_rebalancer:\n  schedule: {type: weekly, day: funday, time: "25:00", timezone: Mars/Base}\n')).toEqual([
      'portfolio_rebalancer.schedule.time (line 2): "25:00" is not a time; expected HH:MM on a 24-hour clock, such as "09:00"',
      'portfolio_rebalancer.schedule.timezone (line 2): unknown timezone "Mars/Base"; expected an IANA name such as America/New_York or UTC',
      'portfolio_rebalancer.schedule.day (line 2): "funday" is not a weekday; expected one of monday, tuesday, wednesday, thursday, friday, saturday, sunday',
    ]);
  });
});

describe('through kit', () => {
  it('an alias bomb, and a file that is not UTF-8, exit 2 in the config format (and as JSON with --json)', async () => {
    const dir = tempDir('kit-cfg-');
    writeFileSync(join(dir, 'bomb.yaml'), bomb);
    const text = await runInProcess(['--config', join(dir, 'bomb.yaml'), 'portfolio', 'status']);
    expect(text.code).toBe(2);
    expect(text.stderr).toBe(`Invalid config (${join(dir, 'bomb.yaml')}): 1 problem\n  - (top level): the file expands aliases (*name) into too many values; a config needs few, if any, aliases\n`);
    writeFileSync(join(dir, 'latin1.yaml'), Buffer.from('portfolio_rebalancer:\n  currency: \xe9\n', 'latin1'));
    const json = await runInProcess(['--config', join(dir, 'latin1.yaml'), 'rebalance', 'preview', '--json']);
    expect(json.code).toBe(2);
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toEqual({
      error: `Invalid config (${join(dir, 'latin1.yaml')}): 1 problem`,
      problems: ['(top level) (line 2): the file is not UTF-8 text (byte 35 cannot be read); save it as UTF-8'],
      exit_code: 2,
    });
  });
});
