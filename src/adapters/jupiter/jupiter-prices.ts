// A jupiter venue's prices. In USD (the reporting currency is USD): the Price API's usdPrice of
// each token's mint, 50 mints a request, as Jupiter prices them across Solana. In any other
// currency: each token's 1-unit swap quote into the venue's quote token, times what the quote
// token is worth (itself when it is the currency, else the config's prices:), as the EVM DEX
// venues do; no USD price is ever converted with a rate we do not have.
import { Decimal } from '../../money.js';
import type { PriceQuote } from '../../ports.js';
import { fromBaseUnits } from '../units.js';
import type { SwapContext } from './swap-quotes.js';
import { planSwap } from './swap-quotes.js';

const PRICE_IDS_PER_REQUEST = 50;

export interface PriceSetting {
  currency: string;
  quote: string;
  /** The quote token's worth in the currency, if known. */
  quoteValue: Decimal | undefined;
  at: Date;
}

export async function jupiterPrices(context: SwapContext, setting: PriceSetting, assets: readonly string[]): Promise<PriceQuote[]> {
  const wanted = assets.filter((asset) => context.tokens.has(asset));
  if (wanted.length === 0) return [];
  const quote = (asset: string, price: Decimal): PriceQuote => ({ asset, price, at: setting.at, source: context.venue });
  if (setting.currency === 'USD') {
    const mints = wanted.map((asset) => context.tokens.get(asset)!);
    const batches: string[][] = [];
    for (let i = 0; i < mints.length; i += PRICE_IDS_PER_REQUEST) batches.push(mints.slice(i, i + PRICE_IDS_PER_REQUEST));
    const answers = Object.assign({}, ...(await Promise.all(batches.map((batch) => context.api.prices(batch))))) as Awaited<ReturnType<typeof context.api.prices>>;
    return wanted.flatMap((asset) => {
      const entry = answers[context.tokens.get(asset)!];
      return entry && entry.usdPrice.gt(0) ? [quote(asset, entry.usdPrice)] : [];
    });
  }
  const { quoteValue } = setting;
  if (quoteValue === undefined) return [];
  const bases = wanted.filter((asset) => asset !== setting.quote);
  const priced = await Promise.all(
    bases.map(async (asset) => {
      const planned = await planSwap(context, { symbol: `${asset}/${setting.quote}`, side: 'sell', quantity: new Decimal(1) });
      return quote(asset, fromBaseUnits(BigInt(planned.actual.answer.outAmount), planned.pair.quote.decimals).times(quoteValue));
    }),
  );
  return wanted.includes(setting.quote) ? [...priced, quote(setting.quote, quoteValue)] : priced;
}
