// kill -9 at a random instant of `kit rebalance execute`, then `--resume`: no client order id
// reaches a venue twice, every journaled order is accounted for, and the ledger's lots equal the
// paper venues' books. A few seeds here; bench/crash.ts runs hundreds.
import { describe, expect, it } from 'vitest';
import { crashTrial } from './execute-helpers/crash-cli.js';
import { BIN } from './helpers/run-kit.js';

describe('kit rebalance execute survives SIGKILL', () => {
  for (const [seed, killAfterMs] of [[1, 450], [2, 700], [3, 950]] as const) {
    it(`seed ${seed}, killed after ${killAfterMs} ms`, async () => {
      const trial = await crashTrial(BIN, seed, killAfterMs);
      expect(trial.problems).toEqual([]);
      expect(trial.orders).toBe(trial.venueOrders);
    }, 60_000);
  }
});
