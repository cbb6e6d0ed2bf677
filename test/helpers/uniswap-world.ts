// A portfolio with a real uniswap venue (viem) over a fake JSON-RPC node: ALICE's wallet holds 10
// WETH and 10,000 USDC, a QuoterV2 quotes one constant-product WETH/USDC pool (200 WETH against
// 600,000 USDC at 0.3%), and a paper exchange holds BTC and USDC, so the targets sell WETH on the
// DEX and buy BTC on the exchange. Shared by the DEX end-to-end and swap-booking tests.
import { fakeQuoterV2, startFakeEvmNode, type FakeEvmChain, type FakeEvmNode, type FakePool } from '../fakes/fake-evm-node.js';
import { writeConfig } from './run-kit.js';

export const ALICE = '0x1111111111111111111111111111111111111111';
export const USDC = '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48';
export const WETH = '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2';
export const QUOTER = '0x5555555555555555555555555555555555555555';
export const SWAP_ROUTER02 = '0x68b3465833fb72A70ecDF485E0e4C7bD8665Fc45';
export const E18 = 10n ** 18n;
export const POOL: FakePool = { tokens: [WETH, USDC], reserves: [200n * E18, 600_000n * 10n ** 6n], fee: 3000 };

export interface UniswapWorld {
  node: FakeEvmNode;
  chain: FakeEvmChain;
  /** The config file's path. */
  config: string;
}

/** Starts the node and writes the config; `extra` goes in before `venues:` (settings such as `tax:`). */
export async function uniswapWorld(tolerance: string, extra = ''): Promise<UniswapWorld> {
  const chain: FakeEvmChain = {
    chainId: 1,
    multicall: true,
    native: {},
    tokens: { [USDC]: { decimals: 6, balances: { [ALICE]: 10_000n * 10n ** 6n } }, [WETH]: { decimals: 18, balances: { [ALICE]: 10n * E18 } } },
    contracts: { [QUOTER]: fakeQuoterV2([POOL]) },
    transactions: {},
  };
  const node = await startFakeEvmNode(chain);
  const config = writeConfig(`portfolio_rebalancer:
  targets: {WETH: 25%, BTC: 25%, USDC: 50%}
  cash_assets: [USDC]
  prices: {BTC: "100000", USDC: "1"}
  min_trade_value: "10"
${extra}  execution: {slippage_tolerance: "${tolerance}"}
  venues:
    uniswap:
      kind: dex
      adapter: uniswap
      label: Uniswap (Ethereum)
      chain_id: 1
      rpc_url: ${node.url}
      quoter: "${QUOTER}"
      quote: USDC
      addresses: ["${ALICE}"]
      tokens: {USDC: "${USDC}", WETH: "${WETH}"}
    ex:
      kind: cex
      adapter: paper
      quote: USDC
      markets: {BTC: {amount_step: "0.0001"}}
      balances: {BTC: "0.1", USDC: "30000"}
`);
  return { node, chain, config };
}
