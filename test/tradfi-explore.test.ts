import { afterAll, beforeAll, it } from 'vitest';
import { startFakeMt5Bridge } from './fakes/mt5-bridge.js';
import { runKit, tempDir, writeConfig } from './helpers/run-kit.js';
const TOKEN = 'cli-mt5-token-a1b2c3d4e5f60718';
let mt5: Awaited<ReturnType<typeof startFakeMt5Bridge>>;
beforeAll(async () => { mt5 = await startFakeMt5Bridge({ token: TOKEN, time: '2026-11-23T13:59:00Z' }); });
afterAll(() => mt5.close());
it('explore', async () => {
  const config = writeConfig(`portfolio_rebalancer:
  targets: {SPY: 58%, USD: 42%}
  cash_assets: [USD]
  venues:
    mt5:
      kind: mt5
      adapter: mt5
      base_url: ${mt5.url}
      symbols: {SPY: SPY.US}
      credentials:
        token: \${MT5_BRIDGE_TOKEN}
`);
  const env = { MT5_BRIDGE_TOKEN: TOKEN, KIT_HOME: tempDir('kit-home-') };
  for (const args of [['rebalance','preview','--json'], ['rebalance','execute','--yes','--json'], ['portfolio','status','--json'], ['rebalance','history','--json'], ['rebalance','execute','--yes','--json']]) {
    const run = await runKit(['--config', config, ...args], { env });
    console.log(args.join(' '), run.code, run.stdout, run.stderr);
  }
  console.log(mt5.requests.map(r => `${r.method} ${r.path}?${r.query} ${r.body}`).join('\n'));
}, 60000);
