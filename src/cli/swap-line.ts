// One DEX trade as a person reads it, the same in the preview text, the Markdown answer and the
// swaps listing: "Uniswap (Ethereum): sell 2.5 ETH ≈ 7,810.00 USDC, pool fee 0.30%, price impact 0.42%".
import { formatMoney, formatPercent } from '../format.js';
import type { Decimal } from '../money.js';

export interface SwapLineInput {
  venueLabel: string;
  side: 'buy' | 'sell';
  quantity: Decimal;
  asset: string;
  notional: Decimal;
  quote: string;
  feeRate: Decimal;
  priceImpact: Decimal;
}

export function swapLine(trade: SwapLineInput): string {
  return `${trade.venueLabel}: ${trade.side} ${trade.quantity.toFixed()} ${trade.asset} ≈ ${formatMoney(trade.notional, trade.quote, 2)}, pool fee ${formatPercent(trade.feeRate, 2)}, price impact ${formatPercent(trade.priceImpact, 2)}`;
}
