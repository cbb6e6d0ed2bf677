// The high-water mark as status keeps it. It is raised only from a complete, fresh snapshot (the
// caller checks completeness: no failed venue, every held asset priced), and never by a jump one
// price alone explains (risk/drawdown.ts `priceJump`): that is most likely a typo, and a mark
// poisoned by one would drive drawdown sells once the price is right again. Such a jump is named
// in a warning; `kit rebalance reset-drawdown` clears the mark when the jump was real.
import type { Diagnostic } from '../diagnostics.js';
import { formatMoney, formatPercent } from '../format.js';
import { ZERO, type Decimal } from '../money.js';
import type { ValueMark } from '../ports.js';
import { assessDrawdown, priceJump } from '../risk/drawdown.js';
import type { PortfolioSnapshot } from '../snapshot.js';
import type { RebalancerDeps } from './session.js';
import type { Session } from './session.js';

export interface DrawdownStatus {
  value: Decimal;
  active: boolean;
  highWater: ValueMark;
}

interface MarkInput {
  value: Decimal;
  fresh: boolean;
  snapshot: PortfolioSnapshot;
}

interface MarkDecision {
  /** The new mark to save, when this snapshot raises it. */
  save?: ValueMark;
  drawdown: DrawdownStatus | undefined;
  diagnostics: Diagnostic[];
}

/** Drawdown against the ledger's mark; raises (saves) the mark when this snapshot may. */
export function trackDrawdown(deps: RebalancerDeps, input: MarkInput, diagnostics: Diagnostic[]): DrawdownStatus | undefined {
  const first = decideMark(deps, deps.ledger.highWater(), input);
  // Read again inside the write transaction: another run may have raised the mark meanwhile.
  const decision = first.save ? deps.ledger.transaction(() => saveDecided(deps, input)) : first;
  diagnostics.push(...decision.diagnostics);
  return decision.drawdown;
}

function saveDecided(deps: RebalancerDeps, input: MarkInput): MarkDecision {
  const decision = decideMark(deps, deps.ledger.highWater(), input);
  if (decision.save) deps.ledger.saveHighWater(decision.save);
  return decision;
}

function decideMark(deps: RebalancerDeps, previous: ValueMark | undefined, { value, fresh, snapshot }: MarkInput): MarkDecision {
  const { risk, currency } = deps.config;
  const now = snapshot.takenAt;
  const assessed = assessDrawdown({ value, now, previous, reduceAt: risk.drawdown_reduce_at, shift: risk.drawdown_shift, currency });
  // At or below the mark: the mark stays, and the drawdown is measured against it.
  if (previous && previous.value.gte(value)) {
    return { drawdown: { value: assessed.drawdown, active: assessed.active, highWater: previous }, diagnostics: assessed.diagnostics };
  }
  // Above the mark (or none yet): drawdown 0 either way; the question is whether the mark moves.
  const kept = previous ? { value: ZERO, active: false, highWater: previous } : undefined;
  const money = (amount: Decimal) => formatMoney(amount, currency);
  if (!fresh) {
    return { drawdown: kept, diagnostics: [{ severity: 'info', code: 'risk.high_water_stale', message: `The high-water mark was not raised to ${money(value)}: a price is stale, and the mark moves only on fresh prices.` }] };
  }
  const { quantities, prices } = pricedHoldings(snapshot);
  const jump = previous && priceJump(previous, value, quantities, prices);
  if (previous && jump) {
    const message =
      `The high-water mark was not raised to ${money(value)}: that is ${formatPercent(value.div(previous.value).minus(1))} above the mark ${money(previous.value)} of ${previous.at.toISOString().slice(0, 10)}, ` +
      `and ${jump.asset}'s price alone explains it (${money(jump.price)} now, ${money(jump.markPrice)} at the mark; at that price the total would be ${money(jump.withoutIt)}). ` +
      `Check ${jump.asset}'s price; if it is right, run kit rebalance reset-drawdown so the next status takes a new mark.`;
    return { drawdown: kept, diagnostics: [{ severity: 'warning', code: 'risk.high_water_jump', asset: jump.asset, message }] };
  }
  const mark: ValueMark = { value, at: now, prices };
  return { save: mark, drawdown: { value: ZERO, active: false, highWater: mark }, diagnostics: [] };
}

/** Quantity per held asset over every venue, and the prices of the held assets. */
function pricedHoldings(snapshot: PortfolioSnapshot): { quantities: Map<string, Decimal>; prices: Map<string, Decimal> } {
  const quantities = new Map<string, Decimal>();
  for (const holding of snapshot.holdings) quantities.set(holding.asset, (quantities.get(holding.asset) ?? ZERO).plus(holding.quantity));
  const prices = new Map<string, Decimal>();
  for (const asset of [...quantities.keys()].sort()) {
    const quote = snapshot.prices.get(asset);
    if (quote) prices.set(asset, quote.price);
  }
  return { quantities, prices };
}

/** `kit rebalance reset-drawdown`: clears the mark (recorded with the reason); the next complete, fresh status takes a new one. */
export function resetDrawdownIn(session: Session, reason: string): ValueMark | undefined {
  const { ledger, clock } = session.deps;
  return ledger.resetHighWater(clock.now(), reason);
}
