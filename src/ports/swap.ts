// What a DEX venue adds to the Venue port: a quote at the planned size (the price the plan uses,
// with the pool's fee and the price impact of that size), and the unsigned transaction(s) of a
// swap for the user's own wallet to sign. This skill holds no private keys: a DEX swap leaves
// through K.I.T.'s Smart Order Router, or, standalone, as calldata / a Jupiter transaction that
// the user signs; never as a signed transaction.
import type { Decimal } from '../money.js';
import type { OrderSide } from './orders.js';

/** A swap of `quantity` base units on `symbol` ("ETH/USDC"): a sell swaps base into quote, a buy quote into base. */
export interface SwapQuoteRequest {
  symbol: string;
  side: OrderSide;
  /** In the base asset, as planned. */
  quantity: Decimal;
}

export interface SwapQuote {
  symbol: string;
  side: OrderSide;
  /** What goes in and comes out, in whole tokens (exact, from base units). */
  amountIn: Decimal;
  amountOut: Decimal;
  /** Quote per base at this size, the pool fee included: what the plan uses as the trade's price. */
  price: Decimal;
  /** Quote per base for a small reference amount (one whole unit), fee included: the price before impact. */
  referencePrice: Decimal;
  /** The fee rate taken by the pool(s) (0.003 for 0.3%); 0 when the source does not say (aggregators fold it into the price). */
  feeRate: Decimal;
  /** The price impact of this size as a fraction (0.004 = 0.4%): how much worse `price` is than `referencePrice`, or the source's own figure. */
  priceImpact: Decimal;
  /** Where the quote came from: "uniswap QuoterV2 0x...", "1inch", "jupiter (Orca, Raydium)". */
  source: string;
}

/** One unsigned EVM transaction: what a wallet signs and sends. `value` in wei. */
export interface UnsignedEvmTransaction {
  chain: 'evm';
  chainId: number;
  from: string;
  to: string;
  data: string;
  value: string;
  /** What it does, for a person: "approve 1000 USDC for the Uniswap SwapRouter02 0x...". */
  description: string;
}

/** An unsigned Solana transaction as Jupiter returns it (base64, versioned), for the wallet to sign. */
export interface UnsignedSolanaTransaction {
  chain: 'solana';
  from: string;
  /** base64 of the serialized, unsigned VersionedTransaction. */
  transaction: string;
  lastValidBlockHeight?: number;
  description: string;
}

export type UnsignedTransaction = UnsignedEvmTransaction | UnsignedSolanaTransaction;

export interface SwapRequest extends SwapQuoteRequest {
  /** Ours, for the record: the plan's client order id for this leg. */
  clientOrderId: string;
  /** The wallet address that signs (one of the venue's `addresses:`). */
  from: string;
  /** The least acceptable output, in whole tokens of what comes out (slippage guard). */
  minAmountOut: Decimal;
}

export interface UnsignedSwap {
  clientOrderId: string;
  venue: string;
  quote: SwapQuote;
  minAmountOut: Decimal;
  /** In order: any approval first, then the swap. Never signed. */
  transactions: UnsignedTransaction[];
}

/** Implemented by DEX venues (capabilities.swap true). */
export interface SwapVenue {
  quoteSwap(request: SwapQuoteRequest): Promise<SwapQuote>;
  buildSwap(request: SwapRequest): Promise<UnsignedSwap>;
}

/** Which signed swap to read back: the transaction the user's wallet sent for one handed-out leg. */
export interface SwapReceiptRequest {
  /** EVM transaction hash (0x + 64 hex) or Solana signature (base58). */
  transaction: string;
  /** The wallet that signed; the receipt must be its own. */
  from: string;
  symbol: string;
  side: OrderSide;
}

/** What a signed swap did, read from the chain: what left the wallet and what arrived in it. */
export type SwapReceipt =
  | { status: 'pending' | 'not_found' }
  | { status: 'failed'; at?: Date; reason: string }
  | {
      status: 'confirmed';
      /** The block's time. */
      at: Date;
      /** Whole tokens: the input token that left `from`, and the output token that reached it. */
      amountIn: Decimal;
      amountOut: Decimal;
      /** The network fee paid, in the chain's native coin (ETH, SOL), for the record. */
      networkFee: Decimal;
      networkFeeAsset: string;
    };

/** DEX venues that can read a signed swap back from the chain. */
export interface SwapReceiptReader {
  readSwap(request: SwapReceiptRequest): Promise<SwapReceipt>;
}
