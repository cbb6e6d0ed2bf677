// ccxt hands out JavaScript numbers parsed from the exchange's decimal strings; each becomes a
// Decimal through its shortest round-trip text, so 0.1 stays 0.1.
import { Decimal } from '../../money.js';

export function dec(value: unknown): Decimal | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return new Decimal(String(value));
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return new Decimal(value.trim());
  return undefined;
}
