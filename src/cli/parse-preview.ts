// The preview's arguments, shared by `kit rebalance preview` and the rebalance_preview tool.
import { STRATEGIES, type Strategy } from '../config.js';
import { UsageError } from '../errors.js';
import { parseMoney, ParseError, type Decimal } from '../money.js';
import type { PreviewOptions } from '../rebalancer.js';

export function parseStrategy(value: unknown): Strategy | undefined {
  if (value === undefined) return undefined;
  if (!(STRATEGIES as readonly unknown[]).includes(value)) throw new UsageError(`--strategy: unknown strategy ${JSON.stringify(value)}; expected one of ${STRATEGIES.join(', ')}.`);
  return value as Strategy;
}

/** "--deposit 5000 USDC", "--deposit 5000USDC" or "--deposit $5k USDC". */
export function parseDeposit(values: unknown, venue: unknown): PreviewOptions['deposit'] {
  if (values === undefined) {
    if (venue !== undefined) throw new UsageError(`--deposit-venue ${String(venue)} names where a deposit arrives, and there is no --deposit; add one, such as --deposit 5000 USDC --deposit-venue ${String(venue)}, or leave --deposit-venue out.`);
    return undefined;
  }
  const words = (Array.isArray(values) ? values : [values]).flatMap((v) => String(v).trim().split(/\s+/)).filter(Boolean);
  const joined = words.join(' ');
  const match = /^(.+?)\s*([A-Za-z][A-Za-z0-9]*)$/.exec(joined);
  let amount: Decimal | undefined;
  try {
    amount = match?.[1] ? parseMoney(match[1]) : undefined;
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
  }
  if (!match?.[2] || !amount) throw new UsageError(`--deposit: ${JSON.stringify(joined)} is not a deposit; expected an amount and a cash asset, such as --deposit 5000 USDC.`);
  return { amount, asset: match[2].toUpperCase(), venue: typeof venue === 'string' ? venue : undefined };
}
