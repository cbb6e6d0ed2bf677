// The fee rate of a Jupiter route, as a fraction of what goes in. Each step reports its fee in a
// mint: in the step's input mint it is feeAmount/inAmount; in its output mint, feeAmount over
// the output before the fee. Steps are weighted by the share of the swap's value they carry
// (split legs by their inAmount among the steps leaving the same mint), summed to first order.
// A fee in any other mint cannot be expressed without a price: the route's rate is then 0.
import { Decimal } from '../../money.js';
import type { RouteStep } from './payloads.js';

export function routeFeeRate(inputMint: string, steps: readonly RouteStep[]): Decimal {
  const zero = new Decimal(0);
  // The share of the swap's value that reaches each mint; the input mint carries all of it.
  const reaching = new Map<string, Decimal>([[inputMint, new Decimal(1)]]);
  const leaving = new Map<string, Decimal>();
  for (const { swapInfo } of steps) leaving.set(swapInfo.inputMint, (leaving.get(swapInfo.inputMint) ?? zero).plus(swapInfo.inAmount));
  let rate = zero;
  for (const { swapInfo: step } of steps) {
    const fee = new Decimal(step.feeAmount ?? 0);
    const total = leaving.get(step.inputMint)!;
    const share = total.isZero() ? zero : (reaching.get(step.inputMint) ?? zero).times(step.inAmount).div(total);
    reaching.set(step.outputMint, (reaching.get(step.outputMint) ?? zero).plus(share));
    if (fee.isZero()) continue;
    const base = step.feeMint === step.inputMint ? new Decimal(step.inAmount) : step.feeMint === step.outputMint ? fee.plus(step.outAmount) : undefined;
    if (base === undefined || base.isZero()) return zero;
    rate = rate.plus(share.times(fee.div(base)));
  }
  return rate;
}
