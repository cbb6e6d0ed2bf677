// The config's `execution:` section as the order planner's settings.
import type { Config } from '../../config.js';
import type { OrderSettings } from './types.js';

export function orderSettings(execution: Config['execution']): OrderSettings {
  return {
    slippageTolerance: execution.slippage_tolerance,
    useLimitOrders: execution.use_limit_orders,
    splitLargeOrders: execution.split_large_orders,
    splitThreshold: execution.split_threshold,
  };
}
