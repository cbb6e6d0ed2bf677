// ledger.transaction(): a read-modify-write (set-target reading the saved targets, then saving
// the new set) happens as one, even with another `kit` process writing the same ledger file.
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../src/ledger/open-ledger.js';
import { Decimal } from '../src/money.js';
import type { Ledger } from '../src/ports.js';

const d = (text: string) => new Decimal(text);
const AT = new Date('2026-11-23T14:00:00.000Z');
const WORKER = fileURLToPath(new URL('./ledger-increment-worker.mjs', import.meta.url));
const BUILT_LEDGER = fileURLToPath(new URL('../dist/ledger/open-ledger.js', import.meta.url));

function ledgerFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'ledger-tx-')), 'ledger.sqlite');
}

function saveTarget(ledger: Ledger, percent: string): void {
  ledger.saveTargetOverrides({ at: AT, reason: 'test', before: ledger.targetOverrides() ?? new Map(), after: new Map([['BTC', d(percent)]]) });
}

describe('ledger.transaction', () => {
  it("returns the function's result and commits what it wrote, for another connection to see", () => {
    const file = ledgerFile();
    const ledger = openLedger(file);
    const other = openLedger(file);
    expect(ledger.transaction(() => (saveTarget(ledger, '0.4'), 'done'))).toBe('done');
    expect(other.targetOverrides()?.get('BTC')?.toFixed()).toBe('0.4');
    ledger.close();
    other.close();
  });

  it('rolls back every store it touched when the function throws', () => {
    const ledger = openLedger(':memory:');
    expect(() =>
      ledger.transaction(() => {
        saveTarget(ledger, '0.4');
        ledger.addLots([{ id: 'lot-1', venue: 'binance', asset: 'BTC', assetClass: 'crypto', acquiredAt: AT, quantity: d('1'), unitCost: d('40000') }]);
        ledger.saveHighWater({ value: d('100000'), at: AT });
        ledger.seedPaperVenue('paper', { seedHash: 'h', seededAt: AT, balances: new Map([['USDC', d('1000')]]) }, []);
        throw new Error('the write of the new targets failed');
      }),
    ).toThrow('the write of the new targets failed');
    expect([ledger.targetOverrides(), ledger.targetHistory(10), ledger.openLots(), ledger.highWater(), ledger.paperVenue('paper')]).toEqual([undefined, [], [], undefined, undefined]);
    ledger.close();
  });

  it('joins a nested transaction to the outer one: the outer failing undoes both', () => {
    const ledger = openLedger(':memory:');
    saveTarget(ledger, '0.1');
    expect(() =>
      ledger.transaction(() => {
        ledger.transaction(() => saveTarget(ledger, '0.2'));
        saveTarget(ledger, '0.3');
        throw new Error('abort');
      }),
    ).toThrow('abort');
    expect(ledger.targetOverrides()?.get('BTC')?.toFixed()).toBe('0.1');
    expect(ledger.targetHistory(10)).toHaveLength(1);
    ledger.close();
  });

  it('refuses an async function (it could not run in one transaction) and keeps nothing it wrote', () => {
    const ledger = openLedger(':memory:');
    expect(() =>
      ledger.transaction(async () => {
        saveTarget(ledger, '0.4');
      }),
    ).toThrow('A ledger transaction was given an async function; it must be synchronous to run in one transaction.');
    expect(ledger.targetOverrides()).toBeUndefined();
    ledger.close();
  });

  it('loses no change when 4 processes each make 25 read-modify-writes of the same ledger at once', async () => {
    expect(existsSync(BUILT_LEDGER), 'run `npm run build` first: the workers run the built ledger in dist/').toBe(true);
    const file = ledgerFile();
    openLedger(file).close();

    const workers = Array.from({ length: 4 }, () => fork(WORKER, [file, '25', 'transaction'], { stdio: ['ignore', 'inherit', 'pipe', 'ipc'] }));
    const exits = workers.map(
      (worker) =>
        new Promise<{ code: number | null; stderr: string }>((resolve) => {
          let stderr = '';
          worker.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
          worker.on('exit', (code) => resolve({ code, stderr }));
        }),
    );
    // Start them together once every one has opened the ledger, so their increments interleave.
    await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once('message', resolve))));
    for (const worker of workers) worker.send('go');
    expect(await Promise.all(exits)).toEqual(workers.map(() => ({ code: 0, stderr: '' })));

    const ledger = openLedger(file);
    expect(ledger.targetOverrides()?.get('BTC')?.toFixed()).toBe('100');
    // Each change read the one before it: the log counts 0 -> 1 -> ... -> 100 with no step repeated.
    const log = ledger.targetHistory(1000).reverse();
    expect(log.map((change) => [change.before.get('BTC')?.toFixed() ?? '0', change.after.get('BTC')?.toFixed()])).toEqual(
      Array.from({ length: 100 }, (_, index) => [String(index), String(index + 1)]),
    );
    ledger.close();
  });
});
