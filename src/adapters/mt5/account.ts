// Holdings of an MT5 account. A CFD position is counted in units (lots x contract size), netted
// per symbol (a short is a negative holding). The cash is the account currency at equity less the
// positions' market value, so that cash plus positions is the equity: buying a CFD moves value from
// cash to the position as buying a share would, although the broker only holds margin for it.
import { ZERO, type Decimal } from '../../money.js';
import type { Balance } from '../../ports.js';
import type { Bridge } from './bridge.js';
import { accountSchema, positionsSchema } from './payloads.js';
import type { SymbolBook } from './symbols.js';

export async function fetchMt5Balances(bridge: Bridge, symbols: SymbolBook): Promise<Balance[]> {
  const [account, { positions }] = await Promise.all([bridge.call('GET', '/account', accountSchema), bridge.call('GET', '/positions', positionsSchema)]);
  const units = new Map<string, Decimal>();
  let exposure = ZERO;
  for (const position of positions) {
    const info = await symbols.info(position.symbol);
    if (!info) throw new Error(`the bridge reports a position in ${position.symbol} but no specification for it`);
    const signed = position.volume.times(info.contract_size).times(position.side === 'buy' ? 1 : -1);
    const asset = symbols.assetOf(position.symbol);
    units.set(asset, (units.get(asset) ?? ZERO).plus(signed));
    exposure = exposure.plus(signed.times(position.price_current));
  }
  const cash = account.equity.minus(exposure);
  const balances: Balance[] = [{ asset: account.currency, total: cash, free: cash }];
  for (const [asset, total] of [...units].sort(([a], [b]) => a.localeCompare(b))) {
    if (!total.isZero()) balances.push({ asset, total, free: total });
  }
  return balances;
}
