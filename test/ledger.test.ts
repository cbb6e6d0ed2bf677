import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, SchemaTooNewError } from '../src/ledger/migrate.js';
import { migrations } from '../src/ledger/migrations.js';
import { openLedger } from '../src/ledger/open-ledger.js';
import { DuplicateLotError } from '../src/ledger/lots.js';
import { PaperOverdraftError } from '../src/ledger/paper.js';
import { Decimal } from '../src/money.js';
import type { Ledger, NewLot, OrderSide, TradeRecord } from '../src/ports.js';

const d = (text: string) => new Decimal(text);
const at = (iso: string) => new Date(iso);
const JAN = at('2024-01-02T03:04:05.678Z');
const FEB = at('2024-02-01T00:00:00.000Z');
const MAR = at('2024-03-01T00:00:00.000Z');

/** A map of Decimals as plain text, so that expectations read like the stored values. */
function texts(map: ReadonlyMap<string, Decimal> | undefined): Record<string, string> | undefined {
  return map && Object.fromEntries([...map].map(([key, value]) => [key, value.toFixed()]));
}

function newLot(fields: Partial<NewLot> & { id: string }): NewLot {
  return { venue: 'binance', asset: 'BTC', assetClass: 'crypto', acquiredAt: JAN, quantity: d('1'), unitCost: d('40000'), ...fields };
}

function newTrade(fields: Partial<TradeRecord> & { id: string }): TradeRecord {
  return {
    source: 'import',
    venue: 'binance',
    executedAt: JAN,
    side: 'buy',
    asset: 'BTC',
    assetClass: 'crypto',
    quantity: d('1'),
    price: d('40000'),
    fee: d('0'),
    currency: 'USD',
    ...fields,
  };
}

function tempLedgerFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'ledger-')), 'nested', 'ledger.sqlite');
}

let ledger: Ledger;
beforeEach(() => {
  ledger = openLedger(':memory:');
});
afterEach(() => {
  ledger.close();
});

describe('opening a ledger file', () => {
  it('creates the missing folder, applies every migration and uses WAL', () => {
    const file = tempLedgerFile();
    const opened = openLedger(file);
    expect(opened.schemaVersion()).toBe(migrations.at(-1)?.version);
    opened.close();

    expect(existsSync(file)).toBe(true);
    const raw = new Database(file);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('keeps the data when reopened and does not run the migrations again', () => {
    const file = tempLedgerFile();
    const first = openLedger(file);
    first.saveTargetOverrides({ at: JAN, reason: 'set-target', before: new Map(), after: new Map([['BTC', d('0.4')]]) });
    first.close();

    const raw = new Database(file);
    const appliedBefore = raw.prepare('SELECT * FROM schema_migrations').all();
    raw.close();

    const second = openLedger(file);
    expect(texts(second.targetOverrides())).toEqual({ BTC: '0.4' });
    second.close();

    const again = new Database(file);
    expect(again.prepare('SELECT * FROM schema_migrations').all()).toEqual(appliedBefore);
    expect(migrate(again)).toEqual([]);
    again.close();
  });

  it('refuses a file written by a newer version, saying what to do', () => {
    const file = tempLedgerFile();
    openLedger(file).close();
    // One past the newest migration this code knows (version 7 itself is the notification outbox).
    const known = migrations.at(-1)?.version ?? 0;
    const future = known + 1;
    const raw = new Database(file);
    raw.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'from the future', '2030-01-01T00:00:00.000Z')").run(future);
    raw.close();

    expect(() => openLedger(file)).toThrow(SchemaTooNewError);
    expect(() => openLedger(file)).toThrow(
      `ledger.sqlite was written by a newer version of portfolio-rebalancer (schema ${future}, this version knows ${known}); upgrade the plugin`,
    );
  });

  it('applies each migration in its own transaction: a failing one leaves the earlier ones applied', () => {
    const db = new Database(':memory:');
    const steps = [
      { version: 1, name: 'one', sql: 'CREATE TABLE a (x TEXT)' },
      { version: 2, name: 'two', sql: 'CREATE TABLE b (x TEXT); CREATE TABLE a (x TEXT)' },
    ];
    expect(() => migrate(db, steps)).toThrow('table a already exists');
    expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual([1]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").all()).toEqual([]);
    db.close();
  });

  it('numbers the migrations 1, 2, 3... in order', () => {
    expect(migrations.map((migration) => migration.version)).toEqual(migrations.map((_, index) => index + 1));
  });

  it('close() closes the database', () => {
    const closing = openLedger(':memory:');
    closing.close();
    expect(() => closing.targetOverrides()).toThrow(/not open/);
  });
});

describe('target overrides', () => {
  it('are undefined until one is saved', () => {
    expect(ledger.targetOverrides()).toBeUndefined();
    expect(ledger.targetHistory(10)).toEqual([]);
  });

  it('are replaced as a whole by each save, keep their order, and each save is logged with the set before and after', () => {
    ledger.saveTargetOverrides({ at: JAN, reason: 'first', before: new Map(), after: new Map([['BTC', d('0.4')], ['ETH', d('0.6')]]) });
    const before = ledger.targetOverrides() ?? new Map<string, Decimal>();
    ledger.saveTargetOverrides({ at: FEB, reason: 'second', before, after: new Map([['SOL', d('0.5')], ['BTC', d('0.5')]]) });

    expect(texts(ledger.targetOverrides())).toEqual({ BTC: '0.5', SOL: '0.5' });
    expect([...(ledger.targetOverrides()?.keys() ?? [])]).toEqual(['SOL', 'BTC']);
    const [latest, earlier] = ledger.targetHistory(10);
    expect(latest?.reason).toBe('second');
    expect(latest?.at).toEqual(FEB);
    expect(texts(latest?.before)).toEqual({ BTC: '0.4', ETH: '0.6' });
    expect(texts(latest?.after)).toEqual({ SOL: '0.5', BTC: '0.5' });
    expect(earlier?.reason).toBe('first');
  });

  it('are deleted by a clear, which is logged with an empty after', () => {
    ledger.saveTargetOverrides({ at: JAN, reason: 'set', before: new Map(), after: new Map([['BTC', d('1')]]) });
    ledger.clearTargetOverrides(FEB, 'back to the config');

    expect(ledger.targetOverrides()).toBeUndefined();
    const [clear] = ledger.targetHistory(1);
    expect(clear).toMatchObject({ at: FEB, reason: 'back to the config' });
    expect(texts(clear?.before)).toEqual({ BTC: '1' });
    expect(clear?.after.size).toBe(0);
  });

  it('history is newest first and limited', () => {
    for (const [index, reason] of ['a', 'b', 'c'].entries()) {
      ledger.saveTargetOverrides({ at: new Date(JAN.getTime() + index), reason, before: new Map(), after: new Map([['BTC', d('1')]]) });
    }
    expect(ledger.targetHistory(2).map((change) => change.reason)).toEqual(['c', 'b']);
  });

  it('a save that fails half-way changes nothing', () => {
    ledger.saveTargetOverrides({ at: JAN, reason: 'set', before: new Map(), after: new Map([['BTC', d('1')]]) });
    const broken = new Map([['ETH', d('0.5')], ['SOL', d('NaN')]]);
    expect(() => ledger.saveTargetOverrides({ at: FEB, reason: 'broken', before: new Map(), after: broken })).toThrow('target for SOL');

    expect(texts(ledger.targetOverrides())).toEqual({ BTC: '1' });
    expect(ledger.targetHistory(10)).toHaveLength(1);
  });
});

describe('paper venues', () => {
  const seed = (balances: Record<string, string>, lots: NewLot[] = [], seedHash = 'hash-1') =>
    ledger.seedPaperVenue('binance', { seedHash, seededAt: JAN, balances: new Map(Object.entries(balances).map(([k, v]) => [k, d(v)])) }, lots);

  it('have no state until seeded, then the seed as given', () => {
    expect(ledger.paperVenue('binance')).toBeUndefined();
    seed({ BTC: '0.5', USD: '1000' });
    const state = ledger.paperVenue('binance');
    expect(state?.seedHash).toBe('hash-1');
    expect(state?.seededAt).toEqual(JAN);
    expect(texts(state?.balances)).toEqual({ BTC: '0.5', USD: '1000' });
  });

  it('re-seeding replaces the balances and the seed lots, and keeps lots from trades', () => {
    seed({ BTC: '0.5', ETH: '2' }, [newLot({ id: 'seed-1', sourceTradeId: 'seed:binance:1' })]);
    ledger.addLots([
      newLot({ id: 'fill-1', sourceTradeId: 'fill:42' }),
      newLot({ id: 'other-venue-seed', venue: 'kraken', sourceTradeId: 'seed:kraken:1' }),
    ]);
    seed({ BTC: '0.7' }, [newLot({ id: 'seed-2', sourceTradeId: 'seed:binance:1' })], 'hash-2');

    expect(texts(ledger.paperVenue('binance')?.balances)).toEqual({ BTC: '0.7' });
    expect(ledger.paperVenue('binance')?.seedHash).toBe('hash-2');
    expect(ledger.openLots().map((lot) => lot.id)).toEqual(['fill-1', 'other-venue-seed', 'seed-2']);
  });

  it('a seed whose lots collide with an existing lot changes nothing', () => {
    seed({ BTC: '0.5' });
    ledger.addLots([newLot({ id: 'taken', venue: 'kraken' })]);
    expect(() => seed({ BTC: '9' }, [newLot({ id: 'taken', sourceTradeId: 'seed:binance:1' })], 'hash-2')).toThrow(DuplicateLotError);

    expect(ledger.paperVenue('binance')?.seedHash).toBe('hash-1');
    expect(texts(ledger.paperVenue('binance')?.balances)).toEqual({ BTC: '0.5' });
  });

  it('apply a fill (+base, -quote, -fee) and keep a balance that reaches zero as 0', () => {
    seed({ BTC: '0.5', USD: '1000' });
    ledger.adjustPaperBalances('binance', new Map([['ETH', d('0.25')], ['USD', d('-999.5')], ['BNB', d('0')], ['BTC', d('-0.5')]]), FEB);
    expect(texts(ledger.paperVenue('binance')?.balances)).toEqual({ BNB: '0', BTC: '0', ETH: '0.25', USD: '0.5' });
  });

  it('refuse an overdraft with the amounts, and change nothing', () => {
    seed({ BTC: '0.5', USD: '1000' });
    const deltas = new Map([['USD', d('35000')], ['ETH', d('1')], ['BTC', d('-0.7')]]);
    const attempt = () => ledger.adjustPaperBalances('binance', deltas, FEB);

    expect(attempt).toThrow(PaperOverdraftError);
    expect(attempt).toThrow('Paper venue "binance" holds 0.5 BTC; cannot remove 0.7 BTC.');
    expect(texts(ledger.paperVenue('binance')?.balances)).toEqual({ BTC: '0.5', USD: '1000' });
  });

  it('refuse changes to a venue that was never seeded', () => {
    expect(() => ledger.adjustPaperBalances('kraken', new Map([['BTC', d('1')]]), FEB)).toThrow('Paper venue "kraken" has no balances in the ledger');
  });

  it('hold the exact sum of every accepted change and never go negative (property)', () => {
    const amount = fc.bigInt({ min: -(10n ** 22n), max: 10n ** 22n }).map((units) => d(`${units}e-18`));
    const step = fc.dictionary(fc.constantFrom('BTC', 'ETH', 'USD'), amount, { minKeys: 1 });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        const paper = openLedger(':memory:');
        try {
          paper.seedPaperVenue('sim', { seedHash: 'h', seededAt: JAN, balances: new Map() }, []);
          const expected = new Map<string, Decimal>();
          for (const deltas of steps) {
            const next = new Map(expected);
            for (const [asset, delta] of Object.entries(deltas)) next.set(asset, (next.get(asset) ?? d('0')).plus(delta));
            const overdraws = [...next.values()].some((value) => value.lt(0));
            const apply = () => paper.adjustPaperBalances('sim', new Map(Object.entries(deltas)), FEB);
            if (overdraws) {
              expect(apply).toThrow(PaperOverdraftError);
            } else {
              apply();
              for (const [asset, value] of next) expected.set(asset, value);
            }
            expect(texts(paper.paperVenue('sim')?.balances)).toEqual(texts(expected));
          }
        } finally {
          paper.close();
        }
      }),
      { seed: 20240102, numRuns: 150 },
    );
  });
});

describe('tax lots', () => {
  it('start whole: remaining = quantity, no basis adjustment, holding from acquisition', () => {
    ledger.addLots([newLot({ id: 'lot-1', quantity: d('0.3'), unitCost: d('42000.5'), sourceTradeId: 'csv:7', label: 'coinbase import' })]);
    const [lot] = ledger.openLots();
    expect(lot).toMatchObject({ id: 'lot-1', venue: 'binance', asset: 'BTC', assetClass: 'crypto', sourceTradeId: 'csv:7', label: 'coinbase import' });
    expect(lot?.remaining.toFixed()).toBe('0.3');
    expect(lot?.unitCost.toFixed()).toBe('42000.5');
    expect(lot?.basisAdjustment.toFixed()).toBe('0');
    expect(lot?.acquiredAt).toEqual(JAN);
    expect(lot?.holdingStart).toEqual(JAN);
  });

  it('leave optional fields undefined when not given', () => {
    ledger.addLots([newLot({ id: 'bare' })]);
    const [lot] = ledger.openLots();
    expect(lot?.sourceTradeId).toBeUndefined();
    expect(lot?.label).toBeUndefined();
  });

  it('are listed oldest first, ties by id, filtered by asset and venue', () => {
    ledger.addLots([
      newLot({ id: 'b', acquiredAt: FEB }),
      newLot({ id: 'a', acquiredAt: FEB }),
      newLot({ id: 'z', acquiredAt: JAN }),
      newLot({ id: 'eth', asset: 'ETH', acquiredAt: JAN }),
      newLot({ id: 'kraken', venue: 'kraken', acquiredAt: MAR }),
    ]);
    const ids = (filter?: { asset?: string; venue?: string }) => ledger.openLots(filter).map((lot) => lot.id);
    expect(ids()).toEqual(['eth', 'z', 'a', 'b', 'kraken']);
    expect(ids({ asset: 'BTC' })).toEqual(['z', 'a', 'b', 'kraken']);
    expect(ids({ venue: 'kraken' })).toEqual(['kraken']);
    expect(ids({ asset: 'BTC', venue: 'binance' })).toEqual(['z', 'a', 'b']);
    expect(ids({ asset: 'SOL' })).toEqual([]);
  });

  it('are open while remaining > 0 as a decimal, whatever its text', () => {
    const file = tempLedgerFile();
    const onDisk = openLedger(file);
    onDisk.addLots([newLot({ id: 'spent' }), newLot({ id: 'dust' }), newLot({ id: 'whole' })]);
    const raw = new Database(file);
    raw.prepare("UPDATE tax_lots SET remaining = '0.000' WHERE id = 'spent'").run();
    raw.prepare("UPDATE tax_lots SET remaining = '0.000000000000000000001' WHERE id = 'dust'").run();
    raw.close();

    expect(onDisk.openLots().map((lot) => lot.id)).toEqual(['dust', 'whole']);
    onDisk.close();
  });

  it('refuse a duplicate id, naming it, and add none of the batch', () => {
    ledger.addLots([newLot({ id: 'lot-1' })]);
    const attempt = () => ledger.addLots([newLot({ id: 'lot-2' }), newLot({ id: 'lot-1', asset: 'ETH', venue: 'kraken' })]);
    expect(attempt).toThrow(DuplicateLotError);
    expect(attempt).toThrow('Tax lot "lot-1" (ETH on "kraken") is already in the ledger; give the new lot a different id.');
    expect(ledger.openLots().map((lot) => lot.id)).toEqual(['lot-1']);
  });
});

describe('trades', () => {
  it('are recorded once: importing the same rows again skips them', () => {
    const rows = [newTrade({ id: 't1' }), newTrade({ id: 't2' })];
    expect(ledger.recordTrades(rows)).toEqual({ inserted: 2, skipped: 0 });
    expect(ledger.recordTrades([...rows, newTrade({ id: 't3' })])).toEqual({ inserted: 1, skipped: 2 });
    expect(ledger.trades()).toHaveLength(3);
  });

  it('a malformed row is an error, not counted as a duplicate, and the batch is not recorded', () => {
    const bad = newTrade({ id: 'bad', side: 'short' as OrderSide });
    expect(() => ledger.recordTrades([newTrade({ id: 'ok' }), bad])).toThrow(/CHECK constraint failed/);
    expect(ledger.trades()).toEqual([]);
  });

  it('read back as recorded, in execution order, filtered by asset and [from, to)', () => {
    const sell = newTrade({
      id: 'sell',
      source: 'rebalance',
      executedAt: FEB,
      side: 'sell',
      quantity: d('0.25'),
      price: d('43000.12'),
      fee: d('10.75'),
      lotRef: 'lot-1',
      rebalanceId: 'run-1',
    });
    ledger.recordTrades([newTrade({ id: 'b', executedAt: JAN }), sell, newTrade({ id: 'a', executedAt: JAN }), newTrade({ id: 'eth', asset: 'ETH', executedAt: MAR })]);

    // Trades at the same instant keep the order they were recorded in (a buy then a sell in one
    // second is not the same as the reverse for matching rules).
    expect(ledger.trades().map((trade) => trade.id)).toEqual(['b', 'a', 'sell', 'eth']);
    expect(ledger.trades({ asset: 'ETH' }).map((trade) => trade.id)).toEqual(['eth']);
    expect(ledger.trades({ from: FEB }).map((trade) => trade.id)).toEqual(['sell', 'eth']);
    expect(ledger.trades({ to: FEB }).map((trade) => trade.id)).toEqual(['b', 'a']);
    expect(ledger.trades({ asset: 'BTC', from: FEB, to: MAR }).map((trade) => trade.id)).toEqual(['sell']);

    const [stored] = ledger.trades({ from: FEB, to: MAR });
    // Without a recorded total, it is quantity x price.
    expect(stored).toEqual({ ...sell, total: sell.quantity.times(sell.price) });
    ledger.recordTrades([newTrade({ id: 'exact', executedAt: MAR, quantity: d('3'), price: d('0.333333333333'), total: d('1') })]);
    expect(ledger.trades({ from: MAR }).find((trade) => trade.id === 'exact')?.total?.toFixed()).toBe('1');
    expect(ledger.trades({ to: FEB })[0]?.lotRef).toBeUndefined();
  });
});

describe('rebalance history', () => {
  const run = (id: string, createdAt: Date) => ({
    id,
    createdAt,
    strategy: 'threshold',
    status: 'previewed' as const,
    valueBefore: d('100000'),
    plan: { trades: [{ asset: 'BTC', quantity: '0.1' }] },
  });

  it('keeps one record per run, updated as its status changes', () => {
    ledger.saveRebalance(run('r1', JAN));
    ledger.saveRebalance({ ...run('r1', JAN), status: 'completed', valueAfter: d('99950.25'), completedAt: FEB });

    const history = ledger.rebalanceHistory(10);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ id: 'r1', status: 'completed', completedAt: FEB, createdAt: JAN });
    expect(history[0]?.valueAfter?.toFixed()).toBe('99950.25');
  });

  it('lists the newest first, up to the limit', () => {
    ledger.saveRebalance(run('old', JAN));
    ledger.saveRebalance(run('new', MAR));
    ledger.saveRebalance(run('mid', FEB));
    expect(ledger.rebalanceHistory(2).map((record) => record.id)).toEqual(['new', 'mid']);
  });

  it('stores the plan as JSON, Decimals in it as decimal strings', () => {
    ledger.saveRebalance({ ...run('r1', JAN), plan: { cash: d('0.000000000000000001'), note: 'ok' } });
    const [record] = ledger.rebalanceHistory(1);
    expect(record?.plan).toEqual({ cash: '0.000000000000000001', note: 'ok' });
    expect(record?.valueAfter).toBeUndefined();
    expect(record?.completedAt).toBeUndefined();
  });
});

describe('amounts keep every digit', () => {
  const values = ['0.123456789012345678', '123456789012345678901234.123456789012345678', '0.000000000000000000000000000001', '-1234.5'];

  it.each(values)('%s survives targets, balances, lots, trades and runs', (text) => {
    const value = d(text);
    const positive = value.abs();
    ledger.saveTargetOverrides({ at: JAN, reason: 'digits', before: new Map(), after: new Map([['BTC', value]]) });
    ledger.seedPaperVenue('sim', { seedHash: 'h', seededAt: JAN, balances: new Map([['BTC', positive]]) }, []);
    ledger.addLots([newLot({ id: 'lot', quantity: positive, unitCost: value })]);
    ledger.recordTrades([newTrade({ id: 't', quantity: positive, price: value, fee: value })]);
    ledger.saveRebalance({ id: 'r', createdAt: JAN, strategy: 's', status: 'completed', valueBefore: value, valueAfter: value, plan: null });

    expect(ledger.targetOverrides()?.get('BTC')?.toFixed()).toBe(text);
    expect(ledger.paperVenue('sim')?.balances.get('BTC')?.toFixed()).toBe(positive.toFixed());
    const [lot] = ledger.openLots();
    expect([lot?.quantity.toFixed(), lot?.remaining.toFixed(), lot?.unitCost.toFixed()]).toEqual([positive.toFixed(), positive.toFixed(), text]);
    const [trade] = ledger.trades();
    expect([trade?.quantity.toFixed(), trade?.price.toFixed(), trade?.fee.toFixed()]).toEqual([positive.toFixed(), text, text]);
    const [record] = ledger.rebalanceHistory(1);
    expect([record?.valueBefore.toFixed(), record?.valueAfter?.toFixed()]).toEqual([text, text]);
  });

  it('adds an 18-decimal fill to a large balance exactly', () => {
    ledger.seedPaperVenue('sim', { seedHash: 'h', seededAt: JAN, balances: new Map([['ETH', d('123456789.123456789012345678')]]) }, []);
    ledger.adjustPaperBalances('sim', new Map([['ETH', d('0.000000000000000001')]]), FEB);
    expect(ledger.paperVenue('sim')?.balances.get('ETH')?.toFixed()).toBe('123456789.123456789012345679');
  });
});
