// The venue fields of the read-only wallet adapters (evm, bitcoin, solana), spread into
// venueSchema. Addresses are public; an RPC URL that carries a provider's key is written as ${ENV}.
import { z } from 'zod';
import { asset, integer } from './fields.js';
import { describeInput } from './problems.js';

export const walletVenueFields = {
  /** Wallets (adapter: evm, bitcoin, solana): the addresses whose holdings count; read-only. */
  addresses: z.array(z.string().regex(/^[A-Za-z0-9]{20,120}$/, { error: (issue) => `${describeInput(issue.input)} is not an address` })).default([]),
  /** adapter: evm. The chain the addresses are on; the node must say the same. */
  chain_id: integer(1, 2 ** 53 - 1).optional(),
  /** adapter: evm or solana: the node's JSON-RPC URL, or ${ENV_VAR} when it carries an API key. */
  rpc_url: z.string().regex(/^(https?:\/\/\S+|\$\{[A-Za-z_][A-Za-z0-9_]*\})$/, { error: (issue) => `${describeInput(issue.input)} is not an RPC URL; expected http(s)://... or \${ENV_VAR}` }).optional(),
  /** adapter: evm (ERC-20 contract addresses) or solana (SPL mint addresses), by the symbol they count as. */
  tokens: z.record(z.string(), z.string().regex(/^[A-Za-z0-9]{20,100}$/, { error: (issue) => `${describeInput(issue.input)} is not a token address` })).default({}),
  /** adapter: bitcoin: how many receive and change addresses of each xpub/ypub/zpub in addresses: count. */
  derive_addresses: integer(1, 1000).default(20),
  /** adapter: evm: the chain's coin (ETH, POL, BNB, AVAX). */
  native_symbol: asset().optional(),
};
