// What differs between the five exchanges behind `adapter: ccxt`, as data: where our client order
// id goes when placing, which parameter finds an order by it, how the exchange says "duplicate",
// and the ccxt options that keep a spot-only rebalancer from loading futures and options markets.
import type { CCXT_EXCHANGES } from '../../config/schema.js';
import type { ClientIdFormat } from '../../execution-planner/orders/client-order-id.js';

export type CcxtExchangeId = (typeof CCXT_EXCHANGES)[number];

export interface ExchangeProfile {
  /** The rule in orders/client-order-id.ts our ids for this exchange follow. */
  clientIdFormat: ClientIdFormat;
  /** The exchange's own parameter for the client order id when placing. */
  placeParam: string;
  /** The parameter ccxt's fetchOrder/cancelOrder take to address an order by client order id; undefined: only by the exchange's id. */
  lookupParam: string | undefined;
  /** Whether fetchOrder also needs the exchange's order id (Kraken's txid, Coinbase's order_id). */
  lookupNeedsVenueId: boolean;
  /**
   * Find an order known only by client id through ccxt's fetchOpenOrders with the lookup parameter
   * (Bybit's /v5/order/realtime lists an order named by orderLinkId whatever its status): ccxt's
   * bybit fetchOrder without the exchange's id throws a TypeError, not OrderNotFound, when Bybit has
   * no such order, which would leave a never-placed order "outcome unknown".
   */
  lookupViaOpenOrders?: boolean;
  /**
   * The exchange's answer to a reused client order id, which ccxt reports as a plain InvalidOrder.
   * Undefined: the exchange refuses nothing but answers with the order that has the id (Coinbase).
   */
  duplicate: RegExp | undefined;
  /**
   * Whether tickers lack bid and ask (Coinbase lists only the last trade price with its products):
   * prices then take the best bid and ask from ccxt's fetchBidsAsks, one more call.
   */
  bidsAsksApart?: boolean;
  /** Whether ccxt has a testnet for it (setSandboxMode silently empties the URLs of the others). */
  sandbox: boolean;
  options: Record<string, unknown>;
}

const SPOT_ONLY = { defaultType: 'spot', fetchMarkets: { types: ['spot'] } };

export const EXCHANGES: Record<CcxtExchangeId, ExchangeProfile> = {
  binance: {
    clientIdFormat: 'binance',
    placeParam: 'newClientOrderId',
    lookupParam: 'origClientOrderId',
    lookupNeedsVenueId: false,
    duplicate: /Duplicate order sent/i,
    sandbox: true,
    options: { ...SPOT_ONLY, fetchCurrencies: false, fetchMargins: false, warnOnFetchOpenOrdersWithoutSymbol: false },
  },
  coinbase: {
    clientIdFormat: 'coinbase',
    placeParam: 'client_order_id',
    lookupParam: undefined,
    lookupNeedsVenueId: true,
    // "If the ID provided is not unique, the order will not be created and the order corresponding
    // with that ID will be returned instead" (Advanced Trade, Create Order): a resend is safe.
    duplicate: undefined,
    bidsAsksApart: true,
    sandbox: false,
    // ccxt reads balances from the Coinbase App's /v2/accounts unless told: Advanced Trade's own
    // accounts say what is held for open orders.
    options: { ...SPOT_ONLY, fetchBalance: 'v3PrivateGetBrokerageAccounts' },
  },
  kraken: {
    clientIdFormat: 'kraken',
    placeParam: 'cl_ord_id',
    lookupParam: 'cl_ord_id',
    lookupNeedsVenueId: true,
    duplicate: /duplicate/i,
    sandbox: false,
    options: { ...SPOT_ONLY },
  },
  bybit: {
    clientIdFormat: 'bybit',
    placeParam: 'orderLinkId',
    lookupParam: 'orderLinkId',
    lookupNeedsVenueId: false,
    lookupViaOpenOrders: true,
    duplicate: /"retCode":\s*(110072|10014)\b|duplicate/i,
    sandbox: true,
    // Skips the two account-type probes bybit makes before every private call.
    options: { ...SPOT_ONLY, enableUnifiedAccount: true, enableUnifiedMargin: false, fetchOrder: { acknowledged: true } },
  },
  okx: {
    clientIdFormat: 'okx',
    placeParam: 'clOrdId',
    lookupParam: 'clOrdId',
    lookupNeedsVenueId: false,
    duplicate: /"sCode":\s*"51016"|Duplicated client order/i,
    sandbox: true,
    options: { ...SPOT_ONLY },
  },
};
