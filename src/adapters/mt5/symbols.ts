// MT5 symbols and our assets. A config's `symbols:` names the broker's symbol for an asset (SPY ->
// "SPY.US"); an unmapped asset is its own symbol. MT5 sizes orders in lots and we count units, so
// one lot is `contract_size` units: the market rules are the lot rules times the contract size.
import type { VenueConfig } from '../../config.js';
import { Decimal } from '../../money.js';
import type { MarketRules } from '../../ports.js';
import type { Bridge } from './bridge.js';
import { BridgeAnswerError } from './errors.js';
import { symbolSchema, type SymbolInfo } from './payloads.js';

export interface SymbolBook {
  symbolOf(asset: string): string;
  assetOf(symbol: string): string;
  /** The symbol's specification, asked once per venue; undefined if the terminal does not know it. */
  info(symbol: string): Promise<SymbolInfo | undefined>;
}

export function createSymbolBook(bridge: Bridge, config: VenueConfig): SymbolBook {
  const mapped = config.symbols ?? {};
  const byAsset = new Map(Object.entries(mapped));
  const bySymbol = new Map(Object.entries(mapped).map(([asset, symbol]) => [symbol, asset]));
  const cache = new Map<string, Promise<SymbolInfo | undefined>>();
  return {
    symbolOf: (asset) => byAsset.get(asset) ?? asset,
    assetOf: (symbol) => bySymbol.get(symbol) ?? symbol,
    info(symbol) {
      let pending = cache.get(symbol);
      if (!pending) {
        pending = bridge.call('GET', `/symbols/${encodeURIComponent(symbol)}`, symbolSchema).catch((error: unknown) => {
          cache.delete(symbol); // a failure is not remembered; "unknown" is
          if (error instanceof BridgeAnswerError && error.code === 'UNKNOWN_SYMBOL') return undefined;
          throw error;
        });
        cache.set(symbol, pending);
      }
      return pending;
    },
  };
}

export function toMarketRules(asset: string, info: SymbolInfo, fee: Decimal): MarketRules {
  return {
    symbol: `${asset}/${info.currency_profit}`,
    base: asset,
    quote: info.currency_profit,
    amountStep: info.volume_step.times(info.contract_size),
    priceStep: info.tick_size,
    minAmount: info.volume_min.times(info.contract_size),
    minNotional: new Decimal(0),
    takerFee: fee,
    makerFee: fee,
  };
}

/** Units to lots, refused (as text saying why) when it is not a whole number of lot steps or below the minimum lot. */
export function lotsFor(units: Decimal, asset: string, info: SymbolInfo): Decimal | string {
  const lots = units.div(info.contract_size);
  const unitStep = info.volume_step.times(info.contract_size);
  if (!lots.mod(info.volume_step).isZero()) {
    return `${units.toFixed()} ${asset} is not a whole number of lot steps (${info.volume_step.toFixed()} lot = ${unitStep.toFixed()} ${asset})`;
  }
  if (lots.lt(info.volume_min)) return `${units.toFixed()} ${asset} is below the minimum of ${info.volume_min.toFixed()} lot (${info.volume_min.times(info.contract_size).toFixed()} ${asset})`;
  return lots;
}
