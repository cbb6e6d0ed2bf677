// Pieces shared by the JSON outputs (status, preview): one shape for a diagnostic and for a
// weight row, so a consumer reads them the same way everywhere.
import { z } from 'zod';
import type { Diagnostic } from '../diagnostics.js';
import type { DriftRow } from '../drift-detector.js';
import { roundHalfEven, type Decimal } from '../money.js';

export const decimalString = z.string().describe('a decimal number as text');
export const fractionString = z.string().describe('a fraction as text: "0.452" is 45.2%');

export const diagnosticJsonSchema = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string(),
  message: z.string(),
  asset: z.string().optional(),
  venue: z.string().optional(),
});

export const weightRowJsonSchema = z.object({
  asset: z.string(),
  cash: z.boolean(),
  value: decimalString,
  weight: fractionString,
  target: fractionString.nullable(),
  drift: fractionString.nullable().describe('weight minus target'),
  status: z.enum(['overweight', 'underweight', 'within', 'untargeted']),
});

/** Fractions in JSON: half-even to 8 places. */
export const fraction = (value: Decimal) => roundHalfEven(value, 8).toFixed();

export function diagnosticJson(d: Diagnostic): z.infer<typeof diagnosticJsonSchema> {
  return { severity: d.severity, code: d.code, message: d.message, ...(d.asset ? { asset: d.asset } : {}), ...(d.venue ? { venue: d.venue } : {}) };
}

export function weightRowJson(row: DriftRow): z.infer<typeof weightRowJsonSchema> {
  return {
    asset: row.asset,
    cash: row.cash,
    value: row.value.toFixed(),
    weight: fraction(row.weight),
    target: row.target ? fraction(row.target) : null,
    drift: row.drift ? fraction(row.drift) : null,
    status: row.status,
  };
}
