import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, parseConfigText } from '../src/config.js';

const seedYaml = readFileSync(new URL('../fixtures/seed-config.yaml', import.meta.url), 'utf8');

/** The problems of a config that must fail, as "path (line N): message" lines. */
function problemsOf(yaml: string): string[] {
  try {
    parseConfigText(yaml, 'test.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message.split('\n').slice(1).map((line) => line.replace(/^ {2}- /, ''));
  }
  throw new Error('expected the config to be refused');
}

const wrap = (body: string) => `portfolio_rebalancer:\n${body.replace(/^/gm, '  ')}\n`;
const TARGETS = 'targets: {BTC: 40%, ETH: 25%, SOL: 10%, USDC: 15%, SPY: 10%}';

describe('the seed configuration', () => {
  it('loads the YAML block of the product description unchanged', () => {
    const config = parseConfigText(seedYaml, 'seed');
    expect(Object.fromEntries(Object.entries(config.targets).map(([asset, target]) => [asset, target.toFixed()]))).toEqual({
      BTC: '0.4',
      ETH: '0.25',
      SOL: '0.1',
      USDC: '0.15',
      SPY: '0.1',
    });
    expect(config.strategy).toBe('threshold');
    expect(config.drift_threshold.toFixed()).toBe('0.05');
    expect(config.min_trade_value.toFixed()).toBe('100');
    expect(config.execution.slippage_tolerance.toFixed()).toBe('0.005');
    expect(config.execution).toMatchObject({ use_limit_orders: true, split_large_orders: true, prefer_dex: false });
    expect(config.tax).toMatchObject({ enable_tlh: true, lot_selection: 'hifo', wash_sale_days: 30, long_term_preference: true });
    expect(config.risk.max_single_asset.toFixed()).toBe('0.5');
    expect(config.risk.max_correlation.toFixed()).toBe('0.8');
    expect(config.risk.min_cash_reserve.toFixed()).toBe('0.1');
    expect(config.risk.drawdown_reduce_at?.toFixed()).toBe('0.2');
    expect(config.schedule).toEqual({ type: 'weekly', day: 'monday', time: '09:00', timezone: 'America/New_York' });
  });

  it('is the block SKILL.md shows under Configuration', () => {
    const skill = readFileSync(new URL('../SKILL.md', import.meta.url), 'utf8');
    const block = /## Configuration[\s\S]*?```yaml\n([\s\S]*?)```/.exec(skill)?.[1];
    expect(block).toBe(seedYaml);
  });

  it('is accepted without the portfolio_rebalancer: wrapper too (K.I.T. plugin config)', () => {
    const config = parseConfig({ targets: { BTC: '60%', USDC: '40%' }, drift_threshold: '3%' }, { name: 'plugin' });
    expect(config.drift_threshold.toFixed()).toBe('0.03');
  });
});

describe('defaults', () => {
  it('fills everything that is left out', () => {
    const config = parseConfigText('portfolio_rebalancer: {}\n', 'empty');
    expect(config.strategy).toBe('threshold');
    expect(config.drift_threshold.toFixed()).toBe('0.05');
    expect(config.cash_assets).toEqual(['USDC', 'USDT', 'USD', 'EUR']);
    expect(config.targets).toEqual({});
    expect(config.tax.lot_selection).toBe('fifo');
    expect(config.schedule.timezone).toBe('UTC');
    expect(config.monitoring.check_every).toBe(4 * 3600_000);
  });

  it('keeps the other defaults of a section that is given in part (deep merge)', () => {
    const config = parseConfigText(wrap('execution:\n  prefer_dex: true\ntax:\n  lot_selection: lifo'), 'partial');
    expect(config.execution.prefer_dex).toBe(true);
    expect(config.execution.use_limit_orders).toBe(true);
    expect(config.execution.slippage_tolerance.toFixed()).toBe('0.005');
    expect(config.tax.lot_selection).toBe('lifo');
    expect(config.tax.wash_sale_days).toBe(30);
    expect(config.tax.long_term_preference).toBe(true);
  });

  it('keeps numbers exact: an 18-decimal balance does not pass through a float', () => {
    const config = parseConfigText(
      wrap('venues:\n  w:\n    kind: wallet\n    adapter: manual\n    balances: {ETH: 0.123456789012345678}'),
      'exact',
    );
    expect(config.venues.w?.balances.ETH?.toFixed()).toBe('0.123456789012345678');
  });
});

describe('a bad config is refused with every problem, its path and line', () => {
  it('targets that do not sum to 100%', () => {
    expect(problemsOf(wrap('targets: {BTC: 40%, ETH: 25%, SOL: 10%, USDC: 10%, SPY: 10%}'))).toEqual([
      'portfolio_rebalancer.targets (line 2): sums to 95%, must be 100%',
    ]);
  });

  it('a duplicate asset, written twice or in another case', () => {
    expect(problemsOf(wrap('targets:\n  BTC: 40%\n  ETH: 60%\n  BTC: 10%'))).toEqual([
      'portfolio_rebalancer.targets (line 5): duplicate key "BTC"; each key may appear once',
    ]);
    expect(problemsOf(wrap('targets: {BTC: 40%, btc: 10%, ETH: 50%}'))).toEqual([
      'portfolio_rebalancer.targets.btc (line 2): duplicate asset BTC; each asset may appear once',
    ]);
  });

  it('a negative percent, and one above 100%', () => {
    expect(problemsOf(wrap('targets: {BTC: 105%, ETH: -5%}'))).toEqual([
      'portfolio_rebalancer.targets.BTC (line 2): "105%" is out of range; expected a percent between 0% and 100%',
      'portfolio_rebalancer.targets.ETH (line 2): "-5%" is negative; expected a percent between 0% and 100%',
    ]);
  });

  it('malformed money and percent', () => {
    expect(problemsOf(wrap(`${TARGETS}\nmin_trade_value: $1OO\ndrift_threshold: 5`))).toEqual([
      'portfolio_rebalancer.drift_threshold (line 4): "5" has no % sign; expected a percent such as 5% or 0.5%',
      'portfolio_rebalancer.min_trade_value (line 3): "$1OO" is not an amount of money; expected an amount such as $100, $10k or 2500.50',
    ]);
  });

  it('an unknown strategy or lot method', () => {
    expect(problemsOf(wrap(`${TARGETS}\nstrategy: thresold\ntax: {lot_selection: fofo}`))).toEqual([
      'portfolio_rebalancer.strategy (line 3): unknown strategy "thresold"; expected one of threshold, calendar, cash-flow, band, tactical',
      'portfolio_rebalancer.tax.lot_selection (line 4): unknown lot method "fofo"; expected one of fifo, lifo, hifo, specific, average',
    ]);
  });

  it('an unknown IANA timezone', () => {
    expect(problemsOf(wrap(`${TARGETS}\nschedule: {timezone: America/New_Yrok}`))).toEqual([
      'portfolio_rebalancer.schedule.timezone (line 3): unknown timezone "America/New_Yrok"; expected an IANA name such as America/New_York or UTC',
    ]);
  });

  it('a target above max_single_asset', () => {
    expect(problemsOf(wrap('targets: {BTC: 60%, USDC: 40%}\nrisk: {max_single_asset: 50%}'))).toEqual([
      'portfolio_rebalancer.targets.BTC (line 2): 60% is above risk.max_single_asset 50%',
    ]);
  });

  it('a credential written inline, without echoing it', () => {
    const problems = problemsOf(
      wrap(`${TARGETS}\nvenues:\n  binance:\n    kind: cex\n    adapter: paper\n    credentials: {apiKey: "\${BINANCE_KEY}", secret: s3cr3t-value}\n    api_key: AKIA123`),
    );
    expect(problems).toEqual([
      'portfolio_rebalancer.venues.binance.credentials.secret (line 7): credential written inline; write it as ${ENV_VAR} (for example ${BINANCE_SECRET}) and set that variable in the environment',
      'portfolio_rebalancer.venues.binance.api_key (line 8): credential written inline; write it as ${ENV_VAR} (for example ${BINANCE_API_KEY}) and set that variable in the environment',
    ]);
    expect(problems.join('\n')).not.toMatch(/s3cr3t|AKIA123/);
  });

  it('a venue with an unknown adapter names every adapter this build runs', () => {
    expect(problemsOf(wrap(`${TARGETS}\nvenues:\n  a: {kind: cex, adapter: binanse}`))).toEqual([
      'portfolio_rebalancer.venues.a.adapter (line 4): unknown adapter "binanse"; expected one of paper, manual, ccxt, mt5, ibkr, evm, bitcoin, solana, uniswap, sushiswap, pancakeswap, 1inch, jupiter',
    ]);
  });

  it('lists every problem of a file at once', () => {
    const problems = problemsOf(
      wrap('targets: {BTC: 60%, ETH: 5O%}\nstrategy: banded\ndrift_treshold: 5%\nschedule: {timezone: Mars/Olympus, time: "9am"}\nvenues:\n  x: {kind: exchange, adapter: paper}'),
    );
    expect(problems).toEqual([
      'portfolio_rebalancer.drift_treshold (line 4): unknown setting "drift_treshold"; did you mean drift_threshold?',
      'portfolio_rebalancer.targets.ETH (line 2): "5O%" is not a percent; expected a percent such as 5% or 0.5%',
      'portfolio_rebalancer.strategy (line 3): unknown strategy "banded"; expected one of threshold, calendar, cash-flow, band, tactical',
      'portfolio_rebalancer.schedule.time (line 5): "9am" is not a time; expected HH:MM on a 24-hour clock, such as "09:00"',
      'portfolio_rebalancer.schedule.timezone (line 5): unknown timezone "Mars/Olympus"; expected an IANA name such as America/New_York or UTC',
      'portfolio_rebalancer.venues.x.kind (line 7): unknown venue kind "exchange"; expected one of cex, dex, mt5, ibkr, wallet, paper',
    ]);
  });

  it('more than one cash target, and a reserve above the cash target', () => {
    expect(problemsOf(wrap('targets: {BTC: 80%, USDC: 10%, USDT: 10%}\nrisk: {min_cash_reserve: 25%}'))).toEqual([
      'portfolio_rebalancer.targets (line 2): USDC and USDT are all cash (cash_assets: USDC, USDT, USD, EUR), which is one bucket; give it one target, on USDC or CASH',
      'portfolio_rebalancer.risk.min_cash_reserve (line 3): 25% is above the cash target 20%; the reserve could never be kept. Raise the cash target or lower the reserve',
    ]);
  });

  it('venue details: a manual venue with markets, a paper venue without its quote asset', () => {
    expect(
      problemsOf(wrap(`${TARGETS}\nvenues:\n  cold: {kind: wallet, adapter: manual, markets: {BTC: {}}}\n  dex: {kind: dex, adapter: paper, markets: {SOL: {}}}`)),
    ).toEqual([
      'portfolio_rebalancer.venues.cold.markets (line 4): a manual venue is read-only and has no markets; remove them or use adapter: paper',
      'portfolio_rebalancer.venues.dex.quote (line 5): missing: a venue with markets needs the cash asset they are quoted in, such as quote: USDC',
    ]);
  });

  it('YAML that does not parse names the line', () => {
    expect(problemsOf('portfolio_rebalancer:\n  targets: {BTC: 40%\n  strategy: x\n')[0]).toMatch(/\(line \d\): /);
  });
});
