// A streamed import (one pass reading, checking and recording rows inside one transaction, a
// second over the history for oversells) finds exactly what the whole-file parser finds and
// records exactly its trades; any problem anywhere keeps nothing.
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../src/config.js';
import { fixedClock } from '../src/host/clock.js';
import { openLedger } from '../src/ledger/open-ledger.js';
import { Decimal } from '../src/money.js';
import { createSession, importTrades } from '../src/rebalancer.js';
import { ledgerTaxTrades } from '../src/rebalancer/tax-state.js';
import { parseTradesCsv } from '../src/tax/import-csv.js';
import { mulberry32 } from './helpers/random-portfolio.js';

const NOW = new Date('2026-11-23T14:00:00Z');
const YAML = `portfolio_rebalancer:
  targets: {BTC: 50%, USDC: 50%}
  cash_assets: [USDC]
  prices: {BTC: "100000", ETH: "2500", USDC: "1"}
  tax: {jurisdiction: DE}
  venues:
    ex: {kind: cex, adapter: paper, quote: USDC, balances: {USDC: "1000", ETH: "1"}, lots: [{asset: ETH, quantity: "1", unit_cost: "2000", acquired: 2025-01-02}]}
    other: {kind: cex, adapter: paper, quote: USDC, balances: {USDC: "1000"}}
`;

function world() {
  const config = parseConfigText(YAML, 'test');
  const ledger = openLedger(':memory:');
  const session = () => createSession({ config, ledger, clock: fixedClock(NOW), venues: [] });
  return { config, ledger, session };
}

/** Small files with a bit of everything: equal instants, oversells, duplicate ids and rows, bad cells. */
function randomCsv(seed: number, rows: number, withIds: boolean): string {
  const rng = mulberry32(seed);
  const pick = <T,>(items: readonly T[]) => items[Math.floor(rng() * items.length)]!;
  const lines = [withIds ? 'date,side,asset,quantity,price,fee,venue,id' : 'date,side,asset,quantity,price,fee,venue'];
  // Each cell is bad now and then, so some files are refused and most import.
  const cell = (good: readonly string[], bad: string) => (rng() < 0.015 ? bad : pick(good));
  for (let i = 0; i < rows; i++) {
    const date = cell(['2025-01-02', '2025-01-02T10:00:00Z', '2025-03-01', '2025-03-01', '2025-03-01T00:00:00+01:00'], pick(['2026-02-30', '2027-01-01']));
    const side = cell(['buy', 'buy', 'sell'], 'sel');
    const asset = pick(['BTC', 'ETH', 'ETH']);
    const quantity = cell(['0.5', '1', '2', '0.25'], pick(['1,5', '-1']));
    const venue = cell(['ex', 'ex', 'other'], 'nowhere');
    const id = withIds ? `,${rng() < 0.05 ? pick(['a', 'old', 'dup', 'dup']) : `r${i}`}` : '';
    lines.push(`${date},${side},${asset},${quantity},100,0,${venue}${id}`);
  }
  return lines.join('\n');
}

describe('streamed import', () => {
  it('finds the same problems as the whole-file parser and records the same trades (random files)', () => {
    let imported = 0;
    const kinds = new Set<string>();
    for (let seed = 1; seed <= 120; seed++) {
      const { config, ledger, session } = world();
      const first = session();
      const earlier = importTrades(first, 'date,side,asset,quantity,price,venue,id\n2025-01-02,buy,BTC,1,100,ex,a\n2025-03-01,buy,ETH,1,100,other,old');
      expect(earlier.problems).toEqual([]);
      const csv = randomCsv(seed, 2 + (seed % 9), seed % 3 !== 0);
      const history = ledgerTaxTrades(ledger);
      const expected = parseTradesCsv(csv, { currency: config.currency, now: NOW, knownVenues: ['ex', 'other'], history, perVenue: true, defaultClass: () => 'crypto' });
      const before = ledger.trades().length;
      const result = importTrades(session(), csv);
      expect(result.problems).toEqual(expected.problems);
      for (const p of expected.problems) kinds.add(/more than the|already used|is not/.exec(p.message)?.[0] ?? 'other');
      if (expected.problems.length > 0) {
        expect(ledger.trades()).toHaveLength(before);
      } else {
        imported++;
        const recorded = new Set(history.map((t) => t.id));
        const fresh = expected.trades.filter((t) => !recorded.has(t.id));
        expect(result).toMatchObject({ inserted: fresh.length, skipped: expected.trades.length - fresh.length });
        const added = ledger.trades().filter((t) => !recorded.has(t.id));
        expect(added.map((t) => [t.id, t.executedAt.toISOString(), t.side, t.asset, t.venue, t.quantity.toFixed(), t.total?.toFixed()])).toEqual(
          fresh.map((t) => [t.id, t.date.toISOString(), t.side, t.asset, t.venue, t.quantity.toFixed(), t.total.toFixed()]).sort((a, b) => (a[1]! < b[1]! ? -1 : a[1]! > b[1]! ? 1 : 0)),
        );
      }
      ledger.close();
    }
    // The generator must produce files that import as well as files that are refused.
    expect(imported).toBeGreaterThan(5);
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['already used', 'is not', 'more than the']));
  });

  it('a bad last row of a long file keeps nothing, and every bad row is listed', () => {
    const { ledger, session } = world();
    const rows = Array.from({ length: 20_000 }, (_, i) => `2025-01-02,buy,BTC,0.001,100,ex,t${i}`);
    const csv = ['date,side,asset,quantity,price,venue,id', 'yesterday,buy,BTC,1,100,ex,x', ...rows, '2025-01-03,short,BTC,1,100,ex,last'].join('\n');
    const result = importTrades(session(), csv);
    expect(result.problems.map((p) => p.line)).toEqual([2, 20_003]);
    expect(ledger.trades()).toEqual([]);
    ledger.close();
  });

  it('imports a long file once: the same file again adds nothing', () => {
    const { ledger, session } = world();
    const rows = Array.from({ length: 5_000 }, (_, i) => `2025-01-02,buy,BTC,0.001,100,ex`);
    const csv = ['date,side,asset,quantity,price,venue', ...rows].join('\n');
    expect(importTrades(session(), csv)).toMatchObject({ problems: [], inserted: 5_000, skipped: 0 });
    expect(importTrades(session(), csv)).toMatchObject({ problems: [], inserted: 0, skipped: 5_000 });
    expect(ledger.trades().reduce((acc, t) => acc.plus(t.quantity), new Decimal(0)).toFixed()).toBe('5');
    ledger.close();
  });
});
