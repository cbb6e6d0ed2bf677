// Seeded two-venue paper portfolios for the execute tests and benches: random balances (each
// non-cash balance covered by two seed lots, so lots and balances start equal), targets that need
// several buys and sells, small split thresholds (child orders), and the venue faults asked for.
export interface ScenarioOptions {
  latency?: string | undefined;
  partialFills?: string | undefined;
  faults?: Partial<Record<'reject' | 'timeout_after_accept' | 'network_error' | 'rate_limit', string>> | undefined;
}

function random(seed: number): () => number {
  let state = (seed * 2654435761) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const lots = (asset: string, total: number, places: number, costs: [number, number]) => {
  const first = Number((total * 0.6).toFixed(places));
  const second = Number((total - first).toFixed(places));
  return [
    `        - {asset: ${asset}, quantity: "${first.toFixed(places)}", unit_cost: "${costs[0]}", acquired: 2025-01-10}`,
    `        - {asset: ${asset}, quantity: "${second.toFixed(places)}", unit_cost: "${costs[1]}", acquired: 2026-06-01}`,
  ].join('\n');
};

export function scenarioYaml(seed: number, options: ScenarioOptions = {}): string {
  const r = random(seed);
  const btc1 = 0.1 + r() * 0.5;
  const eth1 = 2 + r() * 10;
  const btc2 = 0.05 + r() * 0.3;
  const sol2 = 50 + r() * 250;
  const usdc1 = 1000 + r() * 15000;
  const usdc2 = 500 + r() * 8000;
  const faults = options.faults ? `\n      faults: {seed: ${seed}, ${Object.entries(options.faults).map(([k, v]) => `${k}: ${v}`).join(', ')}}` : '';
  const extra = `${options.latency ? `\n      latency: ${options.latency}` : ''}${options.partialFills ? `\n      partial_fills: ${options.partialFills}` : ''}${faults}`;
  return `portfolio_rebalancer:
  targets: {BTC: 40%, ETH: 25%, SOL: 15%, USDC: 20%}
  drift_threshold: 2%
  min_trade_value: $50
  cash_assets: [USDC]
  prices: {BTC: "98000", ETH: "2500", SOL: "63", USDC: "1"}
  execution: {slippage_tolerance: 0.5%, use_limit_orders: ${seed % 3 !== 0}, split_large_orders: true, split_threshold: $3000, max_turnover_per_run: 100%}
  tax: {jurisdiction: US, lot_selection: ${seed % 2 === 0 ? 'specific' : 'fifo'}, long_term_preference: false}
  venues:
    ex1:
      kind: cex
      adapter: paper
      quote: USDC
      fee_rate: 0.1%
      markets:
        BTC: {amount_step: "0.00001", price_step: "0.01", min_notional: "5"}
        ETH: {amount_step: "0.0001", price_step: "0.01", min_notional: "5"}
      balances: {BTC: "${btc1.toFixed(5)}", ETH: "${eth1.toFixed(4)}", USDC: "${usdc1.toFixed(2)}"}
      lots:
${lots('BTC', btc1, 5, [42000, 104000])}
${lots('ETH', eth1, 4, [1800, 3600])}${extra}
    ex2:
      kind: dex
      adapter: paper
      quote: USDC
      fee_rate: 0.25%
      markets:
        BTC: {amount_step: "0.00001", price_step: "0.01", min_notional: "5"}
        SOL: {amount_step: "0.001", price_step: "0.0001", min_notional: "1"}
      balances: {BTC: "${btc2.toFixed(5)}", SOL: "${sol2.toFixed(3)}", USDC: "${usdc2.toFixed(2)}"}
      lots:
${lots('BTC', btc2, 5, [61000, 99000])}
${lots('SOL', sol2, 3, [180, 140])}${extra}
`;
}
