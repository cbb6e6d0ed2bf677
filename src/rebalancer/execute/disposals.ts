// The run's sales as the Tax Calculator's CapitalGain records, one per lot: read back from the tax
// engine's replay of the ledger after the run's trades were booked, so the figures are exactly the
// ones the tax report shows (the lots actually matched, wash-sale rules and all).
import { ZERO, type Decimal } from '../../money.js';
import type { DisposalRecord } from '../../ports.js';
import type { Disposal } from '../../tax/types.js';
import { lotFigures, wholeDaysHeld } from '../../tax/lot-figures.js';
import { buildTaxReport } from '../../tax/report.js';
import { ledgerTaxTrades, stateInput } from '../tax-state.js';
import type { RebalancerDeps } from '../session.js';

export function runDisposals(deps: RebalancerDeps, runId: string): DisposalRecord[] {
  return disposalsOf(deps, deps.ledger.trades().filter((trade) => trade.rebalanceId === runId && trade.side === 'sell').map((trade) => trade.id));
}

/** The disposal records of these sell trades (a booked DEX swap's, say). */
export function disposalsOf(deps: RebalancerDeps, tradeIds: readonly string[]): DisposalRecord[] {
  const sells = new Set(tradeIds);
  if (sells.size === 0) return [];
  const now = deps.clock.now();
  const state = buildTaxReport(stateInput(deps.config, ledgerTaxTrades(deps.ledger).filter((trade) => trade.date <= now), now));
  return state.allDisposals.filter((disposal) => sells.has(disposal.tradeId)).flatMap(perLot);
}

/** One record per matched lot: the same figures as that lot's row of `kit tax report --csv`. */
function perLot(disposal: Disposal): DisposalRecord[] {
  return disposal.matches.map((match) => {
    const lot = lotFigures(disposal, match);
    return {
      tradeId: disposal.tradeId,
      asset: disposal.asset,
      quantity: match.quantity,
      proceeds: lot.proceeds,
      disposalDate: disposal.date,
      costBasis: match.cost,
      // The lot's recognised gain: a wash-sale disallowance stays on the loss lot that carries it.
      gain: lot.recognised,
      holdingDays: wholeDaysHeld(disposal, match),
      longTerm: match.term !== 'short',
      lotId: match.lotId,
      ...(match.acquiredAt ? { acquisitionDate: match.acquiredAt } : {}),
    };
  });
}

export const realisedGain = (records: readonly DisposalRecord[]): Decimal => records.reduce((acc, r) => acc.plus(r.gain), ZERO);
