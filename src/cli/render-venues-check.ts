// `kit venues check` for people (a table, then one line per venue that needs attention) and for
// programs (--json: decimal strings, snake_case, one object per venue).
import { formatQuantity } from '../format.js';
import type { VenueCapabilities } from '../ports.js';
import type { TargetCoverage } from '../rebalancer/market-coverage.js';
import type { VenueCheck } from '../rebalancer/venues-check.js';
import { renderTable } from './table.js';

const HOLDINGS_SHOWN = 4;
const CAPABILITY_NAMES: Record<keyof VenueCapabilities, string> = { trade: 'trade', limitOrders: 'limit orders', marketOrders: 'market orders', withdraw: 'withdraw', priceHistory: 'price history', swap: 'swaps (signed by your wallet)' };

export function renderVenuesCheck(checks: readonly VenueCheck[], options: { timeoutMs: number }): string {
  const rows = checks.map((check) => [check.id, check.kind, check.answered ? 'yes' : 'no', `${check.latencyMs} ms`, holdingsText(check), marketsText(check), capabilitiesText(check.capabilities)]);
  const out = [`🔌 Venue check (each venue asked at once; timeout ${options.timeoutMs} ms)`, renderTable(['Venue', 'Kind', 'Answered', 'Latency', 'Holds', 'Target markets', 'Can'], rows, [], { alignRight: [3] })];
  const problems = checks.filter((check) => check.error !== undefined);
  if (problems.length > 0) out.push('');
  for (const check of problems) {
    out.push(`✗ ${check.id}: ${check.error}`);
    if (check.missingEnv.length > 0) out.push(`  Set ${check.missingEnv.join(', ')} in the environment of the process that runs kit, then run kit venues check ${check.id} again.`);
  }
  const failed = checks.filter((check) => !check.answered).length;
  out.push('', failed === 0 && problems.length === 0 ? `All ${checks.length} venue${checks.length === 1 ? '' : 's'} answered.` : `${checks.length - failed} of ${checks.length} venues answered; fix the ones marked ✗.`);
  return out.join('\n');
}

function holdingsText(check: VenueCheck): string {
  if (!check.answered) return '—';
  if (check.holdings.length === 0) return 'nothing';
  const shown = check.holdings.slice(0, HOLDINGS_SHOWN).map((h) => `${formatQuantity(h.quantity)} ${h.asset}`);
  const more = check.holdings.length - HOLDINGS_SHOWN;
  return more > 0 ? `${shown.join(', ')} +${more} more` : shown.join(', ');
}

function marketsText(check: VenueCheck): string {
  if (!check.answered) return '—';
  if (!check.markets) return check.capabilities?.trade ? 'not read' : '— (not traded)';
  const { targets } = check.markets;
  if (targets.length === 0) return 'none needed';
  const covered = targets.filter((t) => t.covering.length > 0);
  const unheld = [...new Set(covered.flatMap((t) => (t.unheldQuote ? [t.unheldQuote] : [])))];
  const parts: string[] = [];
  if (covered.length > 0) parts.push(`${covered.map((t) => t.covering[0]).join(', ')}${unheld.length > 0 ? ` (no ${unheld.join(', ')} held here yet)` : ''}`);
  const missing = targets.filter((t) => t.covering.length === 0).map(missingText);
  if (missing.length > 0) parts.push(`missing ${missing.join(', ')}`);
  return parts.join('; ');
}

const OTHER_SHOWN = 3;

/** "SOL (only SOL/EUR, EUR is not a cash asset)", or the bare asset when no market lists it. */
function missingText(target: TargetCoverage): string {
  if (target.other.length === 0) return target.asset;
  const symbols = target.other.slice(0, OTHER_SHOWN).map((m) => m.symbol);
  const more = target.other.length > OTHER_SHOWN ? ` +${target.other.length - OTHER_SHOWN} more` : '';
  const quotes = [...new Set(target.other.slice(0, OTHER_SHOWN).map((m) => m.quote))];
  const verdict = quotes.length === 1 ? `, ${quotes[0]} is not a cash asset` : `; ${quotes.join(', ')} are not cash assets`;
  return `${target.asset} (only ${symbols.join(', ')}${more}${verdict})`;
}

function capabilitiesText(capabilities: VenueCapabilities | undefined): string {
  if (!capabilities) return 'unknown';
  const can = (Object.keys(CAPABILITY_NAMES) as (keyof VenueCapabilities)[]).filter((key) => capabilities[key]).map((key) => CAPABILITY_NAMES[key]);
  return can.length > 0 ? can.join(', ') : 'read-only';
}

export function venuesCheckJson(checks: readonly VenueCheck[]) {
  return {
    all_answered: checks.every((check) => check.answered && check.error === undefined),
    venues: checks.map((check) => ({
      venue: check.id,
      label: check.label,
      kind: check.kind,
      answered: check.answered,
      latency_ms: check.latencyMs,
      holdings: check.holdings.map((h) => ({ asset: h.asset, quantity: h.quantity.toFixed() })),
      markets: check.markets ? { listed: check.markets.listed, missing: check.markets.missing } : null,
      target_markets: check.markets
        ? check.markets.targets.map((t) => ({ asset: t.asset, covered: t.covering.length > 0, markets: t.covering, unheld_quote: t.unheldQuote ?? null, not_cash_quoted: t.other.map((m) => m.symbol) }))
        : null,
      capabilities: check.capabilities
        ? { trade: check.capabilities.trade, limit_orders: check.capabilities.limitOrders, market_orders: check.capabilities.marketOrders, withdraw: check.capabilities.withdraw, price_history: check.capabilities.priceHistory, swap: check.capabilities.swap ?? false }
        : null,
      error: check.error ?? null,
      missing_env: check.missingEnv,
    })),
  };
}
