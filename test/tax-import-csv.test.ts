import { describe, expect, it } from 'vitest';
import { parseTradesCsv, splitCsv } from '../src/tax/import-csv.js';

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
    const { trades } = parseTradesCsv('date,side,asset,quantity,price\n2025-01-01,buy,btc,0.5,"98,000"\n', OPTIONS);
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
    expect(parseTradesCsv('date,side,asset,quantity,price\n', { currency: 'USD' }).problems[0]!.message).toBe('no venue column and no --venue NAME: say which venue (wallet, account) the trades belong to');
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
