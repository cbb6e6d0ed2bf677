// `kit portfolio import`, end to end: all or nothing, idempotent, into the ledger.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../src/ledger/open-ledger.js';
import { runKit, tempDir, writeConfig } from './helpers/run-kit.js';

const CSV = ['date,side,asset,quantity,price,fee,id', '2024-01-10,buy,BTC,0.5,42000,10,b1', '2025-02-01,buy,BTC,0.25,104000,5,b2', '2025-11-03,sell,BTC,0.3,99000,4,s1'].join('\n');

describe('kit portfolio import', () => {
  it('records the trades in the ledger, and a second import changes nothing', async () => {
    const state = tempDir('kit-state-');
    const file = writeConfig(CSV, 'trades.csv');
    const first = await runKit(['--state', state, 'portfolio', 'import', file, '--venue', 'binance']);
    expect(first).toMatchObject({ code: 0, stdout: `Imported 3 trades (1 asset) from ${file}.\n` });
    const again = await runKit(['--state', state, 'portfolio', 'import', file, '--venue', 'binance']);
    expect(again.stdout).toBe(`Imported 0 trades (1 asset) from ${file}; 3 already in the ledger were left as they were.\n`);

    const ledger = openLedger(join(state, 'demo-ledger.sqlite'));
    const trades = ledger.trades({ asset: 'BTC' });
    ledger.close();
    expect(trades.map((t) => [t.id, t.side, t.quantity.toFixed(), t.total?.toFixed(), t.fee.toFixed(), t.venue, t.source])).toEqual([
      ['b1', 'buy', '0.5', '21000', '10', 'binance', 'import'],
      ['b2', 'buy', '0.25', '26000', '5', 'binance', 'import'],
      ['s1', 'sell', '0.3', '29700', '4', 'binance', 'import'],
    ]);
  });

  it('imports nothing from a file with a bad row, and lists every bad row by line', async () => {
    const state = tempDir('kit-state-');
    const file = writeConfig(`${CSV}\n2025-11-04,sell,BTC,abc,99000,4,s2\n2025-11-05,short,BTC,1,99000,4,s3\n`, 'bad.csv');
    const run = await runKit(['--state', state, 'portfolio', 'import', file, '--venue', 'binance']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`error: import: ${file} has 2 bad rows; nothing was imported.\n  line 5: quantity "abc" is not a number\n  line 6: side "short" is not buy or sell\n`);
    const ledger = openLedger(join(state, 'demo-ledger.sqlite'));
    expect(ledger.trades()).toEqual([]);
    ledger.close();
  });

  // Issue #8: most exported histories have no venue column; their rows go to a default account.
  it('puts rows without a venue into the default account, and wants a readable file', async () => {
    const state = tempDir('kit-state-');
    const file = writeConfig(CSV, 'trades.csv');
    const run = await runKit(['--state', state, 'portfolio', 'import', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Rows without a venue went to the account "default"');
    const ledger = openLedger(join(state, 'demo-ledger.sqlite'));
    expect(ledger.trades().map((t) => t.venue)).toEqual(['default', 'default', 'default']);
    ledger.close();
    const missing = await runKit(['portfolio', 'import', 'nope.csv']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: import: cannot read .*nope\.csv: file not found\.\n$/);
  });

  it('classes rows by the venue: an MT5 or IBKR account holds securities', async () => {
    const state = tempDir('kit-state-');
    const dir = tempDir('kit-cfg-');
    const config = join(dir, 'rebalancer.yaml');
    writeFileSync(config, 'portfolio_rebalancer:\n  venues:\n    broker: {kind: ibkr, adapter: manual, balances: {SPY: "1"}}\n    wallet: {kind: wallet, adapter: manual, balances: {ETH: "1"}}\n');
    const file = writeConfig('date,side,asset,quantity,total,venue\n2025-01-02,buy,SPY,1,590,broker\n2025-01-02,buy,ETH,1,3000,wallet\n', 'mixed.csv');
    expect((await runKit(['--config', config, '--state', state, 'portfolio', 'import', file])).code).toBe(0);
    const ledger = openLedger(join(state, 'ledger.sqlite'));
    expect(ledger.trades().map((t) => [t.asset, t.assetClass])).toEqual([
      ['SPY', 'security'],
      ['ETH', 'crypto'],
    ]);
    ledger.close();
  });

  // Issue #8: the file is checked against the config, the clock and the history already recorded.
  describe('refuses what a tax report could not use, naming the line', () => {
    const CONFIG = 'portfolio_rebalancer:\n  tax: {jurisdiction: DE}\n  currency: EUR\n  cash_assets: [EUR]\n  venues:\n    kraken: {kind: cex, adapter: manual, balances: {EUR: "1"}}\n    ledger: {kind: wallet, adapter: manual, balances: {BTC: "1"}}\n';
    const importing = (config: string, state: string) => (csv: string, ...flags: string[]) =>
      runKit(['--config', config, '--state', state, 'portfolio', 'import', writeConfig(csv, 'trades.csv'), ...flags]);

    it('an unknown venue (with "did you mean"), a trade in the future, a decimal comma unless --decimal-comma', async () => {
      const run = importing(writeConfig(CONFIG), tempDir('kit-state-'));
      const bad = await run('date,side,asset,quantity,price,venue\n2025-01-02,buy,BTC,1,40000,krakn\n2026-12-01,buy,BTC,1,40000,kraken\n2025-01-03,buy,BTC,"1,5",40000,kraken\n');
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('line 2: venue "krakn" is not in the config (venues: kraken, ledger); did you mean "kraken"?');
      expect(bad.stderr).toContain('line 3: date 2026-12-01 is in the future (now is 2026-11-23T14:00:00.000Z)');
      expect(bad.stderr).toContain('line 4: quantity (column 4) "1,5" has a decimal comma, refused rather than guessed');
      const comma = await run('date,side,asset,quantity,price,venue\n2025-01-03,buy,BTC,"1,5","40.000,5",kraken\n', '--decimal-comma');
      expect(comma.code).toBe(0);
    });

    it('a sell of more than the recorded history holds on that venue (DE keeps lots per venue)', async () => {
      const run = importing(writeConfig(CONFIG), tempDir('kit-state-'));
      expect((await run('date,side,asset,quantity,price,venue,id\n2025-01-02,buy,BTC,1,40000,kraken,b1\n')).code).toBe(0);
      // The buy is in the ledger now: a second file may sell it, but not on the other venue.
      const elsewhere = await run('date,side,asset,quantity,price,venue,id\n2025-03-01,sell,BTC,1,50000,ledger,s1\n');
      expect(elsewhere.code).toBe(2);
      expect(elsewhere.stderr).toContain('line 2: sell of 1 BTC on "ledger" on 2025-03-01T00:00:00.000Z is more than the 0 BTC the history holds on "ledger" then');
      expect((await run('date,side,asset,quantity,price,venue,id\n2025-03-01,sell,BTC,1,50000,kraken,s1\n')).code).toBe(0);
    });
  });
});
