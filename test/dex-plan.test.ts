import { describe, expect, it } from 'vitest';
import { previewRebalance } from '../src/rebalancer.js';
import { dexWorld } from './helpers/dex-world.js';

describe('scratch', () => {
  it('plans', async () => {
    const { deps, dex, close } = await dexWorld();
    const { plan } = await previewRebalance(deps);
    close();
    console.log(plan!.trades.map((t) => [t.venue, t.side, t.quantity.toFixed(), t.price.toFixed(), t.swap?.priceImpact.toFixed()]), plan!.diagnostics, dex.quotes.length);
  });
});
