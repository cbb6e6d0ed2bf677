// How an alert reads: a venue outage is critical and named in the title; an end told after quiet
// hours says the breach came and went unalerted; nothing is recommended on incomplete figures.
import { describe, expect, it } from 'vitest';
import { renderAlert } from '../src/cli/render-alert.js';
import { detectDrift } from '../src/drift-detector.js';
import { Decimal } from '../src/money.js';
import type { TaxedPreview } from '../src/rebalancer.js';
import type { Holding } from '../src/snapshot.js';

const holding = (asset: string, quantity: string) => ({ venue: 'ex', asset, quantity: new Decimal(quantity) }) as unknown as Holding;
const drift = detectDrift({
  holdings: [holding('BTC', '0.5'), holding('USDC', '50000')],
  prices: new Map([['BTC', new Decimal(100000)], ['USDC', new Decimal(1)]]),
  targets: new Map([['BTC', new Decimal('0.5')], ['USDC', new Decimal('0.5')]]),
  cashAssets: ['USDC'],
  threshold: new Decimal('0.05'),
});
const preview = (complete: boolean) => ({ status: { drift, complete, bandsInForce: false, diagnostics: [] }, plan: { trades: [], executable: complete } }) as unknown as TaxedPreview;
const at = new Date('2026-11-23T12:00:00Z');

describe('alert text', () => {
  it('a venue down is critical, named in the title, with what else is open and what cleared', () => {
    const alert = renderAlert({
      at,
      preview: preview(false),
      currency: 'USD',
      fire: [{ key: 'venue:kraken', kind: 'venue', message: 'Venue kraken has not answered for 2 checks in a row.' }],
      cleared: [{ key: 'drift:ETH', kind: 'drift', message: 'ETH is +6.0% from its 20.0% target (now 26.0%).', since: '2026-11-23T04:00:00.000Z', clearedAt: at.toISOString(), alerted: false }],
      active: [
        { key: 'venue:kraken', kind: 'venue', message: 'Venue kraken has not answered for 2 checks in a row.' },
        { key: 'correlation', kind: 'correlation', message: 'BTC and ETH moved together at 0.91 over the last 90 days, above max_correlation 0.8.' },
      ],
    });
    expect(alert.title).toBe('⚖️ Portfolio alert: kraken down');
    expect(alert.severity).toBe('critical');
    expect(alert.body).toContain('⚠️ Venue kraken has not answered for 2 checks in a row.');
    expect(alert.body).toContain('ℹ️ During quiet hours (from 04:00 UTC): ETH is +6.0% from its 20.0% target (now 26.0%). It has since cleared.');
    expect(alert.body).toContain('Still open:\n- BTC and ETH moved together at 0.91 over the last 90 days, above max_correlation 0.8.');
    expect(alert.body).not.toContain('Recommended trades');
  });

  it('a drift alert on incomplete figures recommends nothing and says why', () => {
    const alert = renderAlert({ at, preview: preview(false), currency: 'USD', fire: [{ key: 'drift:BTC', kind: 'drift', message: 'BTC is +6.0% from its 50.0% target (now 56.0%).' }], cleared: [], active: [] });
    expect(alert.title).toBe('⚖️ Portfolio alert: BTC');
    expect(alert.severity).toBe('warning');
    expect(alert.body).toContain('No recommended trades: the figures are incomplete (a venue did not answer or a price is missing), and nothing should be traded on them.');
  });
});
