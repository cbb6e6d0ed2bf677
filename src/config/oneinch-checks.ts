// What an `adapter: 1inch` venue needs beyond the shared fields: the chain (1inch's API path
// carries it), a node for token decimals and balances, EVM token addresses, the quote token among
// them, and the API key as ${ENV}. The config check and the adapter read the same list, so a venue
// built outside a config file (tests, set-target) is refused with the same words.
import type { VenueConfig } from './schema.js';
import { describeInput, type ConfigProblem } from './problems.js';

const HEX_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** Problems of one 1inch venue, each with its path under the venue. */
export function oneInchProblems(venue: Pick<VenueConfig, 'kind' | 'chain_id' | 'rpc_url' | 'tokens' | 'quote' | 'credentials'>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (venue.kind !== 'dex') problems.push({ path: ['kind'], message: `${describeInput(venue.kind)} is not the kind of a 1inch venue; expected kind: dex` });
  if (venue.chain_id === undefined) problems.push({ path: ['chain_id'], message: "missing: a 1inch venue names its chain, such as chain_id: 1 (1inch's API path carries it)" });
  if (venue.rpc_url === undefined) problems.push({ path: ['rpc_url'], message: 'missing: a 1inch venue reads token decimals and balances from a node; expected rpc_url: https://... or ${ETH_RPC_URL}' });
  const symbols = Object.keys(venue.tokens);
  for (const [symbol, address] of Object.entries(venue.tokens)) {
    if (!HEX_ADDRESS.test(address)) problems.push({ path: ['tokens', symbol], message: `${describeInput(address)} is not an EVM token address; expected 0x and 40 hex digits` });
  }
  if (!venue.quote) {
    problems.push({ path: ['quote'], message: 'missing: a 1inch venue prices its tokens in quote:, one of tokens: (such as USDC)' });
  } else if (!symbols.some((symbol) => symbol.toUpperCase() === venue.quote)) {
    problems.push({ path: ['quote'], message: `${venue.quote} is not one of tokens: (${symbols.join(', ') || 'none'}); add its address there or name one of them` });
  }
  if (!venue.credentials?.['api_key']) {
    problems.push({ path: ['credentials'], message: 'missing: 1inch needs an API key, written as credentials: {api_key: ${ONEINCH_API_KEY}}' });
  }
  return problems;
}

/** The config check: every 1inch venue's problems under venues.NAME. */
export function oneInchVenues({ venues }: { venues?: Readonly<Record<string, VenueConfig>> | undefined }, problems: ConfigProblem[]): void {
  for (const [name, venue] of Object.entries(venues ?? {})) {
    if (venue.adapter !== '1inch') continue;
    for (const problem of oneInchProblems(venue)) problems.push({ ...problem, path: ['venues', name, ...problem.path] });
  }
}
