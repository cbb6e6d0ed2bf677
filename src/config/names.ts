// The config's fixed vocabularies: strategies, lot methods, jurisdictions, venue kinds, adapters.
export const STRATEGIES = ['threshold', 'calendar', 'cash-flow', 'band', 'tactical'] as const;
export const LOT_METHODS = ['fifo', 'lifo', 'hifo', 'specific', 'average'] as const;
export const JURISDICTIONS = ['US', 'UK', 'DE', 'FR', 'EU'] as const;
export const VENUE_KINDS = ['cex', 'dex', 'mt5', 'ibkr', 'wallet', 'paper'] as const;
export const REBALANCE_TO = ['target', 'band_edge', 'halfway'] as const;
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** Adapters this build can run. */
export const ADAPTERS = ['paper', 'manual', 'ccxt', 'mt5', 'ibkr', 'evm', 'bitcoin', 'solana', 'uniswap', 'sushiswap', 'pancakeswap', '1inch', 'jupiter'] as const;
/** Adapters on the roadmap: named so that a config using one gets an honest "not in this version". None today. */
export const PLANNED_ADAPTERS: readonly string[] = [];

/** The exchanges `adapter: ccxt` supports (ccxt ids). */
export const CCXT_EXCHANGES = ['binance', 'coinbase', 'kraken', 'bybit', 'okx'] as const;

export const DEFAULT_CASH_ASSETS = ['USDC', 'USDT', 'USD', 'EUR'];
