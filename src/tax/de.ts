// Germany. Crypto is a private sale under §23 Abs.1 S.1 Nr.2 EStG: lots per wallet, FIFO by default,
// LIFO (FG Nürnberg 22.1.2025, 3 K 760/22), average cost for the value with FIFO for the holding
// period (BMF 6.3.2025), or individual identification through a sell's lotRef; a part held more
// than one year is exempt. Foreign currency is a §23 asset too, so forex is treated like crypto,
// except that the statute itself prescribes FIFO for it (§23 Abs.1 S.1 Nr.2 S.3). Securities fall
// under §20 EStG: FIFO per depot whatever the instruction (§20 Abs.4 S.7), never exempt.
import { matchLots, type LotRules } from './lot-engine.js';
import { isMoreThanYears } from './holding-period.js';
import type { AssetClass, LotMethod, TaxOptions, TaxResult, TaxTrade, Term } from './types.js';

const FOREX_FIFO = 'FIFO is the statutory order for foreign currency amounts (§23 Abs.1 S.1 Nr.2 S.3 EStG)';
const DEPOT_FIFO = 'securities in a depot are matched FIFO whatever the instruction (§20 Abs.4 S.7 EStG)';
/** Shares bought before this date are Altbestand (Bestandsschutz). */
const ALTBESTAND_BEFORE = Date.UTC(2009, 0, 1);

export function computeDe(trades: readonly TaxTrade[], options: TaxOptions): TaxResult {
  const result = matchLots(trades, deRules(options), options.snapshotAt);
  for (const trade of trades) {
    if (trade.assetClass === 'security' && trade.side === 'buy' && trade.date.getTime() < ALTBESTAND_BEFORE) {
      result.problems.push({
        tradeId: trade.id,
        message: `${trade.asset} bought before 2009 (Altbestand): gains on it are tax-free under the Bestandsschutz, which is not supported here; its sales are reported as taxable.`,
      });
    }
  }
  return result;
}

function deRules(options: TaxOptions): LotRules {
  const cryptoMethod: LotMethod = options.method === 'hifo' ? 'fifo' : options.method;
  return {
    methodFor: (assetClass: AssetClass) => (assetClass === 'crypto' ? cryptoMethod : 'fifo'),
    methodNote: (assetClass: AssetClass) => {
      if (assetClass === 'crypto') {
        return options.method === 'hifo'
          ? "Method 'hifo' is not accepted for §23 EStG (BMF 6.3.2025: individual identification, FIFO or average; FG Nürnberg: LIFO): crypto matched FIFO."
          : undefined;
      }
      return options.method === 'fifo' ? undefined : `Method '${options.method}' overridden: ${assetClass === 'security' ? DEPOT_FIFO : FOREX_FIFO}.`;
    },
    lotRefNote: (trade: TaxTrade) =>
      trade.assetClass === 'crypto'
        ? `lotRef "${trade.lotRef}" ignored: the lot method is ${cryptoMethod}; choose 'specific' to sell a named lot (BMF 6.3.2025).`
        : `Lot instruction "${trade.lotRef}" overridden: ${trade.assetClass === 'security' ? DEPOT_FIFO : FOREX_FIFO}.`,
    termOf: (trade: TaxTrade, acquiredAt: Date): Term => (trade.assetClass !== 'security' && isMoreThanYears(acquiredAt, trade.date, 1, 'same-date') ? 'exempt' : 'short'),
  };
}
