// An EVM wallet (`adapter: evm`): MetaMask or Ledger accounts, counted and never traded. Native
// coin and ERC-20 balances of `addresses:` come from the chain through viem, which is imported
// only when such a venue is first asked (other configs never load it; building costs nothing). The node must be on
// `chain_id:`; decimals are read from each token contract and applied exactly.
import type { Address } from 'viem';
import { UsageError, VenueError } from '../../errors.js';
import type { Decimal } from '../../money.js';
import type { Balance, CreateVenue } from '../../ports.js';
import { fromBaseUnits } from '../units.js';
import { configQuotes, READ_ONLY, walletAddresses, walletBalances, walletEndpoint, walletError } from '../wallet.js';
import { evmNode } from './evm-node.js';
import { hasMulticall3, readOneByOne, readWithMulticall, ReadFailure, type EvmChain, type EvmReads, type ReadRequest } from './read-balances.js';

const HEX_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

export const createEvmVenue: CreateVenue = (id, config, deps) => {
  const endpoint = walletEndpoint(id, config, deps.env);
  const addresses = walletAddresses(id, config).map((address) => evmAddress(id, 'addresses', address));
  const tokens = Object.entries(config.tokens).map(([symbol, address]) => ({ symbol: symbol.toUpperCase(), address: evmAddress(id, `tokens.${symbol}`, address) }));
  const native = config.native_symbol ?? 'ETH';
  const node = evmNode(endpoint.url);
  const connect = async (): Promise<EvmChain> => {
    const { erc20Abi, multicall3Abi } = await import('viem');
    return { client: await node.client(), erc20Abi, multicall3Abi };
  };

  return {
    id,
    label: config.label ?? id,
    kind: config.kind,
    capabilities: READ_ONLY,

    async fetchBalances(): Promise<Balance[]> {
      try {
        const reads = await readAll(await connect(), { addresses, tokens }, id, config.chain_id);
        return walletBalances(totalsOf(reads, native, tokens));
      } catch (error) {
        node.reset();
        throw walletError(id, 'fetch balances', endpoint, error, isRetryable);
      }
    },

    fetchPrices: async (assets) => configQuotes(id, config, deps, assets),
    fetchMarkets: async () => [],
  };
};

async function readAll(evm: EvmChain, request: ReadRequest, id: string, chainId: number | undefined): Promise<EvmReads> {
  const [actual, multicall] = await Promise.all([evm.client.getChainId(), hasMulticall3(evm)]);
  if (chainId !== undefined && actual !== chainId) {
    throw new VenueError(id, 'fetch balances', `the node at rpc_url is on chain ${actual}, not chain_id ${chainId}; point rpc_url at a chain ${chainId} node or fix chain_id`, false);
  }
  return multicall ? readWithMulticall(evm, request) : readOneByOne(evm, request);
}

function totalsOf(reads: EvmReads, native: string, tokens: ReadRequest['tokens']): Map<string, Decimal> {
  const totals = new Map<string, Decimal>();
  // Sum in base units, convert once: exact whatever the number of addresses.
  const add = (asset: string, amounts: readonly bigint[], decimals: number) => {
    const sum = fromBaseUnits(amounts.reduce((a, b) => a + b, 0n), decimals);
    totals.set(asset, totals.has(asset) ? totals.get(asset)!.plus(sum) : sum);
  };
  add(native, reads.native, 18);
  reads.tokens.forEach((token, index) => add(tokens[index]!.symbol, token.balances, token.decimals));
  return totals;
}

function evmAddress(id: string, field: string, text: string): Address {
  if (!HEX_ADDRESS.test(text)) throw new UsageError(`Venue "${id}": ${field} ${JSON.stringify(text)} is not an EVM address; expected 0x and 40 hex digits.`);
  return text as Address;
}

/** Network trouble and timeouts may pass; a contract that reverts or a wrong chain will not. */
function isRetryable(error: unknown): boolean {
  if (error instanceof ReadFailure) return false;
  const name = error instanceof Error ? error.name : '';
  return /HttpRequestError|TimeoutError|RpcRequestError|WebSocketRequestError|SocketClosedError|LimitExceededRpcError|InternalRpcError|UnknownRpcError|FetchError|TypeError/.test(name);
}
