// What one transaction changed in a wallet's holding of one mint, in base units, from the node's
// balances before and after. An SPL token: the sum over the wallet's token accounts of that mint
// (an account created by the swap has no "before", one it closed no "after": both count as 0).
// SOL: Jupiter wraps and unwraps it (wrapAndUnwrapSol), so it moves as lamports; the change is
// that of every lamport the wallet holds (its own account and its token accounts, whose lamports
// are a wrapped-SOL balance or a rent deposit that stays the wallet's), with the network fee its
// fee payer paid added back, so it counts the swap only: a temporary wrapped-SOL account or a new
// token account's rent nets out.
import { WRAPPED_SOL_MINT } from '../../config/jupiter-fields.js';
import type { SolanaTransaction, TokenBalance } from '../solana/get-transaction.js';

type Meta = NonNullable<SolanaTransaction['meta']>;

export function walletChange(transaction: SolanaTransaction & { meta: Meta }, owner: string, mint: string): bigint {
  const { meta } = transaction;
  const pre = meta.preTokenBalances ?? [];
  const post = meta.postTokenBalances ?? [];
  const owned = (entry: TokenBalance) => entry.owner === owner;
  if (mint !== WRAPPED_SOL_MINT) {
    const held = (entries: readonly TokenBalance[]) => entries.filter((entry) => owned(entry) && entry.mint === mint).reduce((sum, entry) => sum + BigInt(entry.uiTokenAmount.amount), 0n);
    return held(post) - held(pre);
  }
  const keys = transaction.transaction.message.accountKeys;
  const accounts = new Set([...pre, ...post].filter(owned).map((entry) => entry.accountIndex));
  if (keys.includes(owner)) accounts.add(keys.indexOf(owner));
  const lamports = (balances: readonly bigint[]) => [...accounts].reduce((sum, index) => sum + balances[index]!, 0n);
  const feePaid = keys[0] === owner ? meta.fee : 0n;
  return lamports(meta.postBalances) - lamports(meta.preBalances) + feePaid;
}
