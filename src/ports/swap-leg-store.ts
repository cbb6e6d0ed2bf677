// The DEX legs handed out to sign, kept in the ledger: the swaps file is the user's copy and is
// never trusted for booking. A leg is saved with everything booking it needs (the planned size,
// the quote it was built at, the least output, the quote asset's worth, the lots a sale chose);
// once its signed transaction is read back from the chain it is booked, exactly once.
import type { Decimal } from '../money.js';
import type { AssetClass } from './lot-store.js';
import type { OrderSide } from './orders.js';

export interface SwapLegRecord {
  clientOrderId: string;
  runId: string;
  venue: string;
  /** "WETH/USDC" */
  symbol: string;
  side: OrderSide;
  base: string;
  quote: string;
  /** As planned, in the base asset. */
  quantity: Decimal;
  /** The quote the swap was built at, in whole tokens: what goes in and what it quoted out. */
  amountIn: Decimal;
  amountOut: Decimal;
  /** The least output the swap accepts (its slippage guard), in whole tokens of what comes out. */
  minAmountOut: Decimal;
  /** The pool's fee rate in the quote (0 when the source does not say). */
  feeRate: Decimal;
  /** The smallest amounts of the base and the quote the venue moves (one base unit of each token). */
  baseUnit: Decimal;
  quoteUnit: Decimal;
  /** The quote asset's price in the reporting currency when planned. */
  quoteValue: Decimal;
  assetClass: AssetClass;
  /** A sale under specific identification: the lots chosen, in order. */
  lots: { lotId: string; quantity: Decimal }[];
  /** The wallet that signs. */
  from: string;
  createdAt: Date;
}

export type SwapLegStatus = 'to_sign' | 'failed' | 'booked';

/** What a booked swap moved, as read from the chain. */
export interface SwapLegFill {
  transaction: string;
  executedAt: Date;
  amountIn: Decimal;
  amountOut: Decimal;
  networkFee: Decimal;
  networkFeeAsset: string;
}

export interface StoredSwapLeg extends SwapLegRecord {
  status: SwapLegStatus;
  /** Failed: the transaction that failed and why. */
  failure?: { transaction: string; reason: string; at: Date } | undefined;
  fill?: SwapLegFill | undefined;
  /** Whether the sale's disposals reached the tax sink. */
  taxSent: boolean;
}

export interface SwapLegStore {
  /** Saves handed-out legs in one transaction; a leg already booked is never replaced. Returns how many were saved. */
  saveSwapLegs(legs: readonly SwapLegRecord[]): number;
  swapLeg(clientOrderId: string): StoredSwapLeg | undefined;
  /** Newest first. */
  swapLegs(filter?: { status?: SwapLegStatus }): StoredSwapLeg[];
  /** The leg booked with this transaction, if any (an EVM hash is given and kept in lower case). */
  swapLegByTransaction(transaction: string): StoredSwapLeg | undefined;
  /** The signed transaction failed on chain; the leg may be signed again. */
  markSwapLegFailed(clientOrderId: string, failure: { transaction: string; reason: string; at: Date }): void;
  /** Booked: what it moved. Call it in the transaction that records its trades. */
  markSwapLegBooked(clientOrderId: string, fill: SwapLegFill): void;
  markSwapLegTaxSent(clientOrderId: string): void;
}
