// The one way a Disposal is made from its trade, so every engine fills it alike (gain is always
// proceeds minus cost, before any wash-sale disallowance).
import type { Decimal } from '../money.js';
import type { Disposal, LotMatch, TaxTrade, Term, WashSale } from './types.js';

export interface DisposalParts {
  quantity: Decimal;
  proceeds: Decimal;
  cost: Decimal;
  term: Term;
  holdingDays: number;
  matches: LotMatch[];
  washSale?: WashSale | undefined;
}

export function disposalOf(trade: TaxTrade, parts: DisposalParts): Disposal {
  return { tradeId: trade.id, date: trade.date, asset: trade.asset, assetClass: trade.assetClass, venue: trade.venue, ...parts, gain: parts.proceeds.minus(parts.cost) };
}
