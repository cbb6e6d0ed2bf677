// How the ccxt venue prices in the reporting currency, and how it reads ccxt's errors.
import { AuthenticationError, BadSymbol, DDoSProtection, DuplicateOrderId, ExchangeNotAvailable, InsufficientFunds, InvalidOrder, NetworkError, OrderNotFound, RateLimitExceeded, RequestTimeout, type MarketInterface, type Ticker } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { failureOf, toOrderError, toVenueError } from '../src/adapters/ccxt/errors.js';
import { planPricing, quotesFromTickers, type PricingContext } from '../src/adapters/ccxt/pricing.js';
import { createScrubber } from '../src/adapters/ccxt/scrub.js';
import { Decimal } from '../src/money.js';

const market = (base: string, quote: string) => ({ symbol: `${base}/${quote}`, base, quote, spot: true, active: true }) as MarketInterface;
const ticker = (symbol: string, bid: number, ask: number, timestamp = Date.parse('2026-11-29T12:00:00Z')) => ({ symbol, bid, ask, last: bid, timestamp }) as Ticker;
const NOW = new Date('2026-11-29T12:00:05Z');

function price(markets: MarketInterface[], tickers: Ticker[], context: PricingContext, assets: string[]) {
  const plan = planPricing(markets, assets, context);
  const bySymbol = Object.fromEntries(tickers.map((t) => [t.symbol, t]));
  return quotesFromTickers(plan, bySymbol, context, { venue: 'ex', now: NOW }).map((q) => [q.asset, q.price.toFixed(), q.source, q.at.toISOString()]);
}

describe('prices in the reporting currency', () => {
  it('takes the market in the reporting currency first (Kraken BTC/USD over BTC/USDT)', () => {
    expect(price([market('BTC', 'USDT'), market('BTC', 'USD')], [ticker('BTC/USD', 59990, 60010), ticker('BTC/USDT', 1, 1)], { currency: 'USD', configPrices: {} }, ['BTC'])).toEqual([
      ['BTC', '60000', 'ex BTC/USD', '2026-11-29T12:00:00.000Z'],
    ]);
  });

  it('converts through the exchange quote/currency market when the config gives the quote no value, dated by the older ticker', () => {
    const tickers = [ticker('BTC/USDT', 64000, 64000, Date.parse('2026-11-29T12:00:00Z')), ticker('USDT/EUR', 0.92, 0.93, Date.parse('2026-11-29T11:59:00Z'))];
    expect(price([market('BTC', 'USDT'), market('USDT', 'EUR')], tickers, { currency: 'EUR', configPrices: {} }, ['BTC'])).toEqual([
      ['BTC', '59200', 'ex BTC/USDT', '2026-11-29T11:59:00.000Z'],
    ]);
  });

  it('never assumes a stablecoin is worth one unit: no value for USDT, no price', () => {
    expect(price([market('BTC', 'USDT')], [ticker('BTC/USDT', 60000, 60000)], { currency: 'USD', configPrices: {} }, ['BTC'])).toEqual([]);
    expect(price([market('BTC', 'USDT')], [ticker('BTC/USDT', 60000, 60000)], { currency: 'USD', configPrices: { USDT: new Decimal('0.999') } }, ['BTC'])).toEqual([
      ['BTC', '59940', 'ex BTC/USDT', '2026-11-29T12:00:00.000Z'],
    ]);
  });

  it("prefers the venue's quote: among quotes the config values", () => {
    const markets = [market('ETH', 'USDT'), market('ETH', 'USDC')];
    const tickers = [ticker('ETH/USDT', 3000, 3000), ticker('ETH/USDC', 3010, 3010)];
    expect(price(markets, tickers, { currency: 'USD', configPrices: { USDT: new Decimal(1), USDC: new Decimal(1) }, preferredQuote: 'USDC' }, ['ETH'])[0]?.[2]).toBe('ex ETH/USDC');
  });

  it('falls back to the last trade when there is no sane bid/ask', () => {
    const crossed = { symbol: 'BTC/USD', bid: 60010, ask: 59990, last: 60001, timestamp: Date.parse('2026-11-29T12:00:00Z') } as Ticker;
    expect(price([market('BTC', 'USD')], [crossed], { currency: 'USD', configPrices: {} }, ['BTC'])[0]?.[1]).toBe('60001');
  });
});

describe("ccxt's errors as ours", () => {
  it.each([
    [new RequestTimeout('binance GET timed out'), 'timeout', true],
    [new RateLimitExceeded('okx 50011'), 'rate_limit', true],
    [new DDoSProtection('binance 429'), 'rate_limit', true],
    [new NetworkError('fetch failed'), 'network', true],
    [new ExchangeNotAvailable('maintenance'), 'network', true],
    [new InsufficientFunds('no money'), 'rejected', false],
    [new InvalidOrder('bad order'), 'rejected', false],
    [new AuthenticationError('bad key'), 'rejected', false],
    [new BadSymbol('no such market'), 'rejected', false],
    [new DuplicateOrderId('dup'), 'duplicate_order', false],
    [new OrderNotFound('gone'), 'order_not_found', false],
    [new TypeError("Cannot read properties of undefined (reading 'x')"), 'unknown_outcome', false],
  ] as const)('%s -> %s', (error, failure, retryable) => {
    expect(failureOf(error)).toBe(failure);
    const mapped = toOrderError({ venue: 'ex', scrub: (t) => t }, 'place order', 'kit1', error);
    expect(mapped).toMatchObject({ failure, retryable, cause: error });
  });

  it('an InvalidOrder whose text is the exchange saying "duplicate" is a duplicate order', () => {
    expect(failureOf(new InvalidOrder('binance {"code":-2010,"msg":"Duplicate order sent."}'), /Duplicate order sent/)).toBe('duplicate_order');
  });

  it('scrubs keys, secrets, passphrases and signatures out of the message, the stack and the cause', () => {
    const scrub = createScrubber(['AKIAKEY123456', 'sup3r-s3cret', 'pass-phrase', undefined]);
    const raw = new NetworkError('binance GET http://x/api/v3/account?timestamp=1&signature=9f86d081884c7d65 failed for AKIAKEY123456 (secret=sup3r-s3cret, "OK-ACCESS-PASSPHRASE":"pass-phrase")');
    const error = toVenueError({ venue: 'ex', scrub }, 'fetch balances', raw);
    for (const text of [error.message, error.stack ?? '', (error.cause as Error).message, (error.cause as Error).stack ?? '']) {
      expect(text).not.toMatch(/AKIAKEY123456|sup3r-s3cret|pass-phrase|9f86d081884c7d65/);
    }
    expect(error.message).toContain('signature=[redacted]');
    expect(error.retryable).toBe(true);
  });
});
