// What the venues said at one moment: holdings per venue, one price per asset, and which venues
// answered. The core works only on a snapshot; `checkSnapshot` says whether it can be trusted.
import type { Diagnostic } from './diagnostics.js';
import type { Decimal } from './money.js';
import type { PriceQuote, VenueCapabilities, VenueKind } from './ports.js';

export interface Holding {
  venue: string;
  asset: string;
  quantity: Decimal;
}

export interface VenueStatus {
  id: string;
  label: string;
  kind: VenueKind;
  capabilities: VenueCapabilities;
  ok: boolean;
  /** Why it failed, when it did. */
  error?: string;
}

export interface PortfolioSnapshot {
  takenAt: Date;
  holdings: Holding[];
  /** The price used for each asset, in the reporting currency. */
  prices: Map<string, PriceQuote>;
  venues: VenueStatus[];
  /** Problems found while taking it (venue failures, missing or stale prices). */
  diagnostics: Diagnostic[];
}

export interface SnapshotRules {
  maxPriceAgeMs: number;
  /** The reporting currency is worth exactly 1 and needs no quote. */
  currency: string;
}

/**
 * Checks a snapshot's prices: every held asset needs a positive price (an error otherwise), and a
 * price older than `maxPriceAgeMs` is stale (a warning: fine to look at, not to trade on).
 */
export function checkPrices(
  holdings: readonly Holding[],
  prices: ReadonlyMap<string, PriceQuote>,
  wanted: readonly string[],
  now: Date,
  rules: SnapshotRules,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const held = new Map<string, Holding[]>();
  for (const holding of holdings) held.set(holding.asset, [...(held.get(holding.asset) ?? []), holding]);
  const assets = [...new Set([...held.keys(), ...wanted])];
  for (const asset of assets) {
    if (asset === rules.currency) continue;
    const quote = prices.get(asset);
    const where = (held.get(asset) ?? []).map((h) => `${h.quantity.toFixed()} ${asset} on ${h.venue}`).join(', ');
    const isHeld = held.has(asset);
    if (!quote) {
      diagnostics.push({
        severity: isHeld ? 'error' : 'warning',
        code: 'price.missing',
        asset,
        message: isHeld
          ? `No price for ${asset} (held: ${where}). Add it under prices: or make sure a venue that lists ${asset} answers.`
          : `No price for ${asset}, which has a target but is not held; it cannot be bought until a venue quotes it.`,
      });
    } else if (quote.price.lte(0)) {
      diagnostics.push({
        severity: isHeld ? 'error' : 'warning',
        code: 'price.invalid',
        asset,
        venue: quote.source,
        message: `The price of ${asset} from ${quote.source} is ${quote.price.toFixed()}; a price must be above 0.`,
      });
    } else {
      const age = now.getTime() - quote.at.getTime();
      if (age > rules.maxPriceAgeMs) {
        diagnostics.push({
          severity: 'warning',
          code: 'price.stale',
          asset,
          venue: quote.source,
          message: `The price of ${asset} (from ${quote.source}, ${quote.at.toISOString()}) is ${formatAge(age)} old, over the ${formatAge(rules.maxPriceAgeMs)} limit (monitoring.max_price_age); nothing will be traded on it.`,
        });
      }
    }
  }
  return diagnostics;
}

export function formatAge(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return `${Math.max(0, Math.round(ms / 1000))}s`;
  if (minutes < 120) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours}h` : `${Math.floor(hours / 24)}d`;
}
