// The ledger's side of state the user can see and undo (migration 5): pins kept with the saved
// targets, the high-water mark with its prices, and each reset recorded.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../src/ledger/migrate.js';
import { migrations } from '../src/ledger/migrations.js';
import { openLedger } from '../src/ledger/open-ledger.js';
import { Decimal } from '../src/money.js';

const d = (value: string) => new Decimal(value);
const AT = new Date('2026-11-23T14:00:00.000Z');
const targets = (entries: Record<string, string>) => new Map(Object.entries(entries).map(([asset, value]) => [asset, d(value)]));

describe('target pins in the ledger', () => {
  it('are saved with the targets, dropped with an asset the set no longer has, and cleared by a reset', () => {
    const ledger = openLedger(':memory:');
    ledger.saveTargetOverrides({ at: AT, reason: 'set-target BTC 45%', before: new Map(), after: targets({ BTC: '0.45', ETH: '0.55' }), pinned: new Set(['BTC']) });
    ledger.saveTargetOverrides({ at: AT, reason: 'set-target ETH 30%', before: new Map(), after: targets({ BTC: '0.45', ETH: '0.3', SOL: '0.25' }), pinned: new Set(['BTC', 'ETH']) });
    expect([...ledger.targetPins()]).toEqual(['BTC', 'ETH']);
    // A save without pins keeps the pins of the assets still targeted.
    ledger.saveTargetOverrides({ at: AT, reason: 'remove-target ETH', before: new Map(), after: targets({ BTC: '0.45', SOL: '0.55' }) });
    expect([...ledger.targetPins()]).toEqual(['BTC']);
    ledger.clearTargetOverrides(AT, 'reset-targets');
    expect([...ledger.targetPins()]).toEqual([]);
    expect(ledger.targetOverrides()).toBeUndefined();
    expect(ledger.targetHistory(1)[0]).toMatchObject({ reason: 'reset-targets', after: new Map() });
    ledger.close();
  });
});

describe('the high-water mark in the ledger', () => {
  it('keeps the prices it was taken at', () => {
    const ledger = openLedger(':memory:');
    ledger.saveHighWater({ value: d('100000'), at: AT, prices: targets({ BTC: '100000', USDC: '1' }) });
    expect(ledger.highWater()).toEqual({ value: d('100000'), at: AT, prices: targets({ BTC: '100000', USDC: '1' }) });
    ledger.close();
  });

  it('a ledger from before migration 5 keeps its mark (without prices) when upgraded', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ledger-v4-')), 'ledger.sqlite');
    const raw = new Database(file);
    migrate(raw, migrations.filter((migration) => migration.version <= 4));
    raw.prepare('INSERT INTO high_water_mark (id, value, at) VALUES (1, ?, ?)').run('123456', AT.toISOString());
    raw.close();
    const ledger = openLedger(file);
    expect(ledger.schemaVersion()).toBe(migrations.at(-1)?.version);
    expect(ledger.highWater()).toEqual({ value: d('123456'), at: AT });
    ledger.close();
  });

  it('a reset clears it and is recorded, newest first', () => {
    const ledger = openLedger(':memory:');
    expect(ledger.resetHighWater(AT, 'reset-drawdown')).toBeUndefined();
    ledger.saveHighWater({ value: d('550000'), at: AT });
    const later = new Date('2026-11-24T09:00:00.000Z');
    expect(ledger.resetHighWater(later, 'reset-drawdown: typo')).toEqual({ value: d('550000'), at: AT });
    expect(ledger.highWater()).toBeUndefined();
    expect(ledger.highWaterResets(10)).toEqual([
      { at: later, reason: 'reset-drawdown: typo', cleared: { value: d('550000'), at: AT } },
      { at: AT, reason: 'reset-drawdown' },
    ]);
    ledger.close();
  });
});
