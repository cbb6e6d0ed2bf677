// Germany. Crypto is a private sale under §23 Abs.1 S.1 Nr.2 EStG: lots per wallet, FIFO by default,
// LIFO (FG Nürnberg 22.1.2025, 3 K 760/22), average cost for the value with FIFO for the holding
// period (BMF 6.3.2025), and individual identification first whenever a sell names its lot; a part
// held more than one year is exempt. Foreign currency is a §23 asset too, so forex is treated like
// crypto, except that the statute itself prescribes FIFO for it (§23 Abs.1 S.1 Nr.2 S.3). Securities
// fall under §20 EStG: FIFO per depot whatever the instruction (§20 Abs.4 S.7); shares and fund
// units bought before 2009 (Altbestand) and sold after a year are exempt (Bestandsschutz), and
// FIFO sells them first. The method, lot and term rules are rulebook.ts's, shared with the plan.
import { matchLots, type LotRules } from './lot-engine.js';
import { honoursLotRef, lotMethodFor, termOf, type RuleContext } from './rulebook.js';
import type { AssetClass, LotMethod, TaxOptions, TaxResult, TaxTrade, Term } from './types.js';

const FOREX_FIFO = 'FIFO is the statutory order for foreign currency amounts (§23 Abs.1 S.1 Nr.2 S.3 EStG)';
const DEPOT_FIFO = 'securities in a depot are matched FIFO whatever the instruction (§20 Abs.4 S.7 EStG)';

export function computeDe(trades: readonly TaxTrade[], options: TaxOptions): TaxResult {
  return matchLots(trades, deRules(options), options.snapshotAt, options.keepDisposal);
}

function deRules(options: TaxOptions): LotRules {
  const context: RuleContext = { jurisdiction: 'DE', method: options.method };
  const methodFor = (assetClass: AssetClass) => lotMethodFor(context, assetClass) as LotMethod;
  return {
    methodFor,
    methodNote: (assetClass: AssetClass) => {
      if (assetClass === 'crypto') {
        return options.method === 'hifo'
          ? "Method 'hifo' is not accepted for §23 EStG (BMF 6.3.2025: individual identification, FIFO or average; FG Nürnberg: LIFO): crypto matched FIFO."
          : undefined;
      }
      return options.method === 'fifo' ? undefined : `Method '${options.method}' overridden: ${assetClass === 'security' ? DEPOT_FIFO : FOREX_FIFO}.`;
    },
    honoursLotRef: (assetClass: AssetClass) => honoursLotRef(context, assetClass),
    lotRefNote: (trade: TaxTrade) =>
      trade.assetClass === 'crypto'
        ? `lotRef "${trade.lotRef}" ignored: under 'average' a wallet's lots share one average cost (BMF 6.3.2025), so no lot can be named.`
        : `Lot instruction "${trade.lotRef}" overridden: ${trade.assetClass === 'security' ? DEPOT_FIFO : FOREX_FIFO}.`,
    termOf: (trade: TaxTrade, acquiredAt: Date): Term => termOf(context, trade.assetClass, { acquiredAt, holdingStart: acquiredAt }, trade.date),
  };
}
