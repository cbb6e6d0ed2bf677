import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/money.js';
import { parseTradesCsv, splitCsv } from '../src/tax/import-csv.js';
import { lotsPerVenue } from '../src/tax/rulebook.js';

const OPTIONS = { currency: 'USD', defaultVenue: 'binance' };

describe('parseTradesCsv', () => {
  it('reads the columns in any order, price or total, with fees, venues, ids, lots and classes', () => {
    const { trades, problems } = parseTradesCsv(
      [
        'total,asset,side,date,quantity,fee,venue,id,lot,asset_class',
        '1000,SPY,buy,2024-01-02,2,1.5,ibkr,b1,,security',
        '600,SPY,sell,2024-06-03T15:30:00-04:00,1,1,ibkr,s1,b1,security',
      ].join('\n'),
      OPTIONS,
    );
    expect(problems).toEqual([]);
    expect(trades.map((t) => [t.id, t.side, t.asset, t.assetClass, t.quantity.toFixed(), t.total.toFixed(), t.fee.toFixed(), t.venue, t.lotRef, t.date.toISOString()])).toEqual([
      ['b1', 'buy', 'SPY', 'security', '2', '1000', '1.5', 'ibkr', undefined, '2024-01-02T00:00:00.000Z'],
      ['s1', 'sell', 'SPY', 'security', '1', '600', '1', 'ibkr', 'b1', '2024-06-03T19:30:00.000Z'],
    ]);
  });

  it('computes the total from the price, and uses --venue for rows without one', () => {
    // A thousands comma is read where it cannot be a decimal comma (here: followed by a point).
    const { trades } = parseTradesCsv('date,side,asset,quantity,price\n2025-01-01,buy,btc,0.5,"98,000.00"\n', OPTIONS);
    expect(trades.map((t) => [t.asset, t.total.toFixed(), t.venue, t.assetClass])).toEqual([['BTC', '49000', 'binance', 'crypto']]);
  });

  it('lists every bad row by line number and returns no trades', () => {
    const { trades, problems } = parseTradesCsv(
      [
        'date,side,asset,quantity,price,currency',
        '2025-01-01,buy,BTC,1,100,USD',
        '2025-13-01,hold,BTC,-1,abc,EUR',
        '',
        '2025-02-01,sell,BTC,1,,',
      ].join('\n'),
      OPTIONS,
    );
    expect(trades).toEqual([]);
    expect(problems).toEqual([
      { line: 3, message: 'date "2025-13-01" is not an ISO date or date-time with an offset (2025-03-14, 2025-03-14T09:30:00Z, 2025-03-14T10:30:00+01:00)' },
      { line: 3, message: 'side "hold" is not buy or sell' },
      { line: 3, message: 'quantity -1 must be above 0' },
      { line: 3, message: 'price "abc" is not a number' },
      { line: 3, message: 'currency EUR is not the reporting currency USD; convert the amounts first' },
      { line: 5, message: 'price or total is empty' },
    ]);
  });

  it('refuses a header without the required columns, or with unknown ones', () => {
    expect(parseTradesCsv('date,side,asset,qty\n', OPTIONS).problems).toEqual([
      { line: 1, message: 'header: missing columns quantity, price or total; unknown column qty; expected date, side, asset, quantity, price or total, and optionally fee, currency, venue, id, lot, asset_class' },
    ]);
  });

  it('gives the same ids to the same file, and two identical fills two ids', () => {
    const csv = 'date,side,asset,quantity,price\n2025-01-01,buy,BTC,1,100\n2025-01-01,buy,BTC,1,100\n';
    const first = parseTradesCsv(csv, OPTIONS).trades.map((t) => t.id);
    expect(first).toHaveLength(2);
    expect(new Set(first).size).toBe(2);
    expect(parseTradesCsv(csv, OPTIONS).trades.map((t) => t.id)).toEqual(first);
  });

  it('refuses a duplicate id', () => {
    expect(parseTradesCsv('id,date,side,asset,quantity,price\nx,2025-01-01,buy,BTC,1,100\nx,2025-01-02,buy,BTC,1,100\n', OPTIONS).problems).toEqual([
      { line: 3, message: 'id "x" is already used on line 2; ids must be unique' },
    ]);
  });
});

describe('splitCsv', () => {
  it('handles quotes, escaped quotes, CRLF and a newline inside quotes, keeping line numbers', () => {
    expect(splitCsv('a,"b,c"\r\n"say ""hi""",x\n"multi\nline",y\nlast,z')).toEqual([
      { line: 1, cells: ['a', 'b,c'] },
      { line: 2, cells: ['say "hi"', 'x'] },
      { line: 3, cells: ['multi\nline', 'y'] },
      { line: 5, cells: ['last', 'z'] },
    ]);
  });
});

// Issue #8, "Import": nothing is guessed; every refusal names the line, the column and the figures.
describe('parseTradesCsv refuses what it would otherwise guess', () => {
  const HEAD = 'date,side,asset,quantity,price';

  it('refuses a decimal comma instead of reading "1,5" as 15', () => {
    const { trades, problems } = parseTradesCsv(`${HEAD}\n2025-01-01,buy,BTC,"1,5",100\n2025-01-02,buy,BTC,1,"1.234,5"\n`, OPTIONS);
    expect(trades).toEqual([]);
    expect(problems).toEqual([
      { line: 2, message: 'quantity (column 4) "1,5" has a decimal comma, refused rather than guessed; write 1.5, or import with --decimal-comma if the file\'s numbers all use decimal commas' },
      { line: 3, message: 'price (column 5) "1.234,5" has a decimal comma, refused rather than guessed; write 1234.5, or import with --decimal-comma if the file\'s numbers all use decimal commas' },
    ]);
  });

  it('refuses "1,500" as either 1500 or 1.5, but reads unambiguous thousands groups', () => {
    expect(parseTradesCsv(`${HEAD}\n2025-01-01,buy,BTC,"1,500",100\n`, OPTIONS).problems).toEqual([
      { line: 2, message: 'quantity (column 4) "1,500" is ambiguous: 1500 with a thousands comma, 1.5 with a decimal comma; write 1500 or 1.5, or import with --decimal-comma if the file\'s numbers use decimal commas' },
    ]);
    const { trades } = parseTradesCsv(`${HEAD}\n2025-01-01,buy,BTC,1,"1,234,567"\n2025-01-01,buy,BTC,1,"1,234.5"\n`, OPTIONS);
    expect(trades.map((t) => t.total.toFixed())).toEqual(['1234567', '1234.5']);
  });

  it('honours --decimal-comma: 1,5 is 1.5 and 1.234,5 is 1234.5; a decimal point is then refused', () => {
    const options = { ...OPTIONS, decimalComma: true };
    const { trades } = parseTradesCsv(`${HEAD}\n2025-01-01,buy,BTC,"1,5","1.234,5"\n`, options);
    expect(trades.map((t) => [t.quantity.toFixed(), t.total.toFixed()])).toEqual([['1.5', '1851.75']]);
    expect(parseTradesCsv(`${HEAD}\n2025-01-01,buy,BTC,0.5,100\n`, options).problems).toEqual([
      { line: 2, message: 'quantity (column 4) "0.5" is not a number with a decimal comma: --decimal-comma reads "." as a thousands separator (1.234,5)' },
    ]);
  });

  it('refuses a row whose price x quantity and total disagree beyond the fee and rounding', () => {
    const csv = 'date,side,asset,quantity,price,total,fee\n2025-01-01,buy,BTC,2,100,250,1\n';
    expect(parseTradesCsv(csv, OPTIONS).problems).toEqual([
      { line: 2, message: 'price 100 x quantity 2 = 200, but total is 250: they differ by 50, more than the fee 1 plus rounding 1.5; correct the row, or leave price or total empty' },
    ]);
  });

  it('accepts a total within the fee (a fee-inclusive export) or the rounding of the figures as written, and keeps the total', () => {
    const csv = ['date,side,asset,quantity,price,total,fee', '2025-01-01,buy,BTC,2,100.00,201.00,1.00', '2025-01-02,buy,ETH,3,33.33,100.00,0', '2025-01-03,buy,SOL,3,33.33,100.05,0'].join('\n');
    const { trades, problems } = parseTradesCsv(csv, OPTIONS);
    expect(problems).toEqual([
      { line: 4, message: 'price 33.33 x quantity 3 = 99.99, but total is 100.05: they differ by 0.06, more than the fee 0 plus rounding 0.02; correct the row, or leave price or total empty' },
    ]);
    expect(trades).toEqual([]);
    expect(parseTradesCsv(csv.split('\n').slice(0, 3).join('\n'), OPTIONS).trades.map((t) => t.total.toFixed())).toEqual(['201', '100']);
  });

  it('refuses a trade dated after now', () => {
    const now = new Date('2026-11-23T14:00:00Z');
    const { problems } = parseTradesCsv(`${HEAD}\n2026-11-23T13:59:00Z,buy,BTC,1,100\n2026-11-24,buy,BTC,1,100\n`, { ...OPTIONS, now });
    expect(problems).toEqual([{ line: 3, message: 'date 2026-11-24 is in the future (now is 2026-11-23T14:00:00.000Z); only trades that have happened can be imported' }]);
  });

  it('refuses a venue the config does not know, with "did you mean"', () => {
    const options = { currency: 'USD', knownVenues: ['binance', 'kraken', 'ledger-wallet'] };
    const { problems } = parseTradesCsv('date,side,asset,quantity,price,venue\n2025-01-01,buy,BTC,1,100,binanse\n2025-01-01,buy,BTC,1,100,Kraken\n2025-01-01,buy,BTC,1,100,coinbase\n2025-01-01,buy,BTC,1,100,kraken\n', options);
    expect(problems).toEqual([
      { line: 2, message: 'venue "binanse" is not in the config (venues: binance, kraken, ledger-wallet); did you mean "binance"? fix the name, or add the venue to the config first' },
      { line: 3, message: 'venue "Kraken" is not in the config (venues: binance, kraken, ledger-wallet); did you mean "kraken"? fix the name, or add the venue to the config first' },
      { line: 4, message: 'venue "coinbase" is not in the config (venues: binance, kraken, ledger-wallet); fix the name, or add the venue to the config first' },
    ]);
    expect(parseTradesCsv(`${HEAD}\n2025-01-01,buy,BTC,1,100\n`, { ...options, defaultVenue: 'krakn' }).problems).toEqual([
      { line: 1, message: '--venue: venue "krakn" is not in the config (venues: binance, kraken, ledger-wallet); did you mean "kraken"? fix the name, or add the venue to the config first' },
    ]);
  });

  it('refuses a sell of more than the history (the ledger, here empty, and the file) holds, per asset, with the line', () => {
    const csv = [HEAD, '2025-01-01,buy,BTC,1,100', '2025-01-02,sell,BTC,1.5,100', '2025-01-03,sell,ETH,1,100', '2025-01-04,sell,BTC,1,100'].join('\n');
    expect(parseTradesCsv(csv, OPTIONS).problems).toEqual([]); // no history given: holdings are not checked
    const { trades, problems } = parseTradesCsv(csv, { ...OPTIONS, history: [] });
    expect(trades).toEqual([]);
    expect(problems).toEqual([
      { line: 3, message: 'sell of 1.5 BTC on 2025-01-02T00:00:00.000Z is more than the 1 BTC the history holds then; import the missing buys (or transfers) first, or fix the quantity' },
      { line: 4, message: 'sell of 1 ETH on 2025-01-03T00:00:00.000Z is more than the 0 ETH the history holds then; import the missing buys (or transfers) first, or fix the quantity' },
    ]);
  });

  it('counts the trades already in the ledger (once, by id), and per venue where lots are per venue', () => {
    const history = [{ id: 'old', date: new Date('2024-06-01T00:00:00Z'), side: 'buy' as const, asset: 'BTC', venue: 'kraken', quantity: new Decimal(2) }];
    const csv = 'id,date,side,asset,quantity,price,venue\nold,2024-06-01,buy,BTC,2,100,kraken\ns,2025-01-02,sell,BTC,2,100,binance\n';
    expect(parseTradesCsv(csv, { currency: 'USD', history }).problems).toEqual([]);
    expect(parseTradesCsv(csv, { currency: 'USD', history, perVenue: true }).problems).toEqual([
      { line: 3, message: 'sell of 2 BTC on "binance" on 2025-01-02T00:00:00.000Z is more than the 0 BTC the history holds on "binance" then; import the missing buys (or transfers) first, or fix the quantity' },
    ]);
  });

  // The import checks holdings the way the report will match them: per wallet in DE and EU (and the
  // US per-wallet rule for crypto, tax.per_venue_lots), across venues for UK and FR pools.
  it('checks holdings per venue exactly where the rulebook keeps lots per venue', () => {
    expect((['US', 'UK', 'DE', 'FR', 'EU'] as const).map((j) => [j, lotsPerVenue(j, true), lotsPerVenue(j, false)])).toEqual([
      ['US', true, false],
      ['UK', false, false],
      ['DE', true, true],
      ['FR', false, false],
      ['EU', true, true],
    ]);
  });

  it('puts rows without a venue column and without --venue into a default account, and says which', () => {
    const result = parseTradesCsv(`${HEAD}\n2025-01-01,buy,BTC,1,100\n`, { currency: 'USD' });
    expect(result.problems).toEqual([]);
    expect(result.defaultAccount).toBe('default');
    expect(result.trades.map((t) => t.venue)).toEqual(['default']);
    expect(parseTradesCsv(`${HEAD}\n2025-01-01,buy,BTC,1,100\n`, { currency: 'USD', defaultAccount: 'imported' }).trades[0]!.venue).toBe('imported');
    expect(parseTradesCsv(`${HEAD}\n2025-01-01,buy,BTC,1,100\n`, OPTIONS).defaultAccount).toBeUndefined();
  });
});
