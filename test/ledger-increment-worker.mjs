// Run by ledger-transaction.test.ts as a separate process (forked, on the built code in dist/):
// adds 1 to the BTC target override `count` times, each a read-modify-write with a pause between
// the read and the write, so concurrent workers would overwrite each other's changes unless the
// ledger serializes them. It opens the ledger, says "ready", and starts when told "go", so that
// every worker runs at once however long each took to start.
// Usage: fork('ledger-increment-worker.mjs', [<ledger file>, <count>, 'transaction' | 'plain'])
import { openLedger } from '../dist/ledger/open-ledger.js';
import { Decimal } from '../dist/money.js';

const [file, count, mode] = process.argv.slice(2);
const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

const ledger = openLedger(file);
const increment = () => {
  const before = ledger.targetOverrides() ?? new Map();
  const next = (before.get('BTC') ?? new Decimal(0)).plus(1);
  pause(2);
  ledger.saveTargetOverrides({ at: new Date(), reason: `worker ${process.pid}`, before, after: new Map([['BTC', next]]) });
};

process.once('message', () => {
  for (let i = 0; i < Number(count); i++) {
    if (mode === 'plain') increment();
    else ledger.transaction(increment);
  }
  ledger.close();
  process.disconnect();
});
process.send('ready');
