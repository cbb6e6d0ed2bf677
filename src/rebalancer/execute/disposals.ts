// The run's sales as the Tax Calculator's CapitalGain records, one per lot: read back from the tax
// engine's replay of the ledger after the run's trades were booked, so the figures are exactly the
// ones the tax report shows (the lots actually matched, wash-sale rules and all).
import { Decimal, ZERO } from '../../money.js';
import type { DisposalRecord } from '../../ports.js';
import type { Disposal } from '../../tax/types.js';
import { buildTaxReport } from '../../tax/report.js';
import { ledgerTaxTrades, stateInput } from '../tax-state.js';
import type { RebalancerDeps } from '../session.js';

const DAY_MS = 86_400_000;

export function runDisposals(deps: RebalancerDeps, runId: string): DisposalRecord[] {
  const sells = new Set(deps.ledger.trades().filter((trade) => trade.rebalanceId === runId && trade.side === 'sell').map((trade) => trade.id));
  if (sells.size === 0) return [];
  const now = deps.clock.now();
  const state = buildTaxReport(stateInput(deps.config, ledgerTaxTrades(deps.ledger).filter((trade) => trade.date <= now), now));
  return state.allDisposals.filter((disposal) => sells.has(disposal.tradeId)).flatMap(perLot);
}

/** One record per matched lot; the disposal's proceeds shared by quantity, the last part taking the rest. */
function perLot(disposal: Disposal): DisposalRecord[] {
  let proceedsLeft = disposal.proceeds;
  return disposal.matches.map((match, index) => {
    const last = index === disposal.matches.length - 1;
    const proceeds = last ? proceedsLeft : disposal.proceeds.times(match.quantity).div(disposal.quantity);
    proceedsLeft = proceedsLeft.minus(proceeds);
    const acquired = match.acquiredAt;
    return {
      tradeId: disposal.tradeId,
      asset: disposal.asset,
      quantity: match.quantity,
      proceeds,
      disposalDate: disposal.date,
      costBasis: match.cost,
      gain: proceeds.minus(match.cost),
      // Whole days, as the Tax Calculator counts them (timedelta.days).
      holdingDays: acquired ? Math.floor((disposal.date.getTime() - acquired.getTime()) / DAY_MS) : disposal.holdingDays,
      longTerm: match.term !== 'short',
      lotId: match.lotId,
      ...(acquired ? { acquisitionDate: acquired } : {}),
    };
  });
}

export const realisedGain = (records: readonly DisposalRecord[]): Decimal => records.reduce((acc, r) => acc.plus(r.gain), ZERO);
