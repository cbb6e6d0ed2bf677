// The Markdown of the answers kit ask does not reach on a fresh ledger: history with events, and
// the drift verdict when bands (not the threshold) are what an asset breaks.
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { historyMarkdown } from '../src/cli/markdown/history.js';
import { verdictLine } from '../src/cli/markdown/status.js';
import type { StatusJson } from '../src/cli/status-json.js';
import { rebalanceHistoryTool } from '../src/cli/tools/rebalance-history.js';
import { openLedger } from '../src/ledger/open-ledger.js';
import { HISTORY_RECORDS } from './helpers/history-records.js';
import { tempDir } from './helpers/run-kit.js';

describe('history as Markdown', () => {
  it('one line per rebalance, newest first, then fees and the rebalancing bonus', async () => {
    const dir = tempDir('kit-history-');
    writeFileSync(join(dir, 'rebalancer.yaml'), 'portfolio_rebalancer:\n  targets: {BTC: 50%, USDC: 50%}\n  cash_assets: [USDC]\n  prices: {BTC: "50000", USDC: "1"}\n  venues:\n    ex: {kind: cex, adapter: paper, quote: USDC, markets: {BTC: {}}, balances: {BTC: "1", USDC: "50000"}}\n');
    const ledger = openLedger(join(dir, 'ledger.sqlite'));
    HISTORY_RECORDS.forEach((record) => ledger.saveRebalance(record));
    ledger.close();
    const context = () => ({ env: { KIT_NOW: '2026-03-12T00:00:00Z' }, cwd: dir, stderr: new PassThrough(), global: { config: join(dir, 'rebalancer.yaml'), state: dir } });
    const markdown = historyMarkdown((await rebalanceHistoryTool({}, context).handler({})) as Parameters<typeof historyMarkdown>[0]).split('\n');
    expect(markdown[0]).toBe('📜 Rebalance history: 3 events');
    expect(markdown[2]).toBe('- **2026-03-10 09:00 UTC** band (manual), partial: 2 orders (1 filled), turnover $2,500.00, fees $3.00, largest drift BTC +5.6% → BTC +3.1%');
    expect(markdown[4]).toBe('- **2026-01-10 09:00 UTC** threshold (drift), completed: 1 order (1 filled), turnover $10,000.00, fees $10.00, largest drift BTC +10.0% → BTC 0.0%');
    expect(markdown).toContain('Fees paid in all: $18.00');
    expect(markdown).toContain('Rebalancing bonus against holding the first snapshot: $1,235.00 (+1.2%)');
  });
});

describe('the drift verdict', () => {
  const status = (drift: string, breaches: string[]) =>
    ({ drift_threshold: '0.05', breaches, assets: [{ asset: 'BTC', cash: false, value: '1', weight: '0.5', target: '0.47', drift, status: 'overweight', holdings: [] }] }) as unknown as StatusJson;
  it("uses the seed's words for the threshold, and says band when the breach is inside the threshold", () => {
    expect(verdictLine(status('0.052', ['BTC']))).toBe('⚠️ BTC exceeds 5% drift threshold.');
    expect(verdictLine(status('0.03', ['BTC']))).toBe('⚠️ BTC is outside its band.');
    expect(verdictLine(status('0.03', []))).toBe('✅ Every asset is within the 5% drift threshold.');
  });
});
