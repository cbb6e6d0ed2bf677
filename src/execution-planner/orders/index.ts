// From a plan to orders: limit prices, splits, sells before buys, client order ids (pure).
export { CLIENT_ID_RULES, type ClientIdFormat, type ClientIdRule, clientIdFormatFor, clientOrderId, idFormatsFor } from './client-order-id.js';
export { type BookTop, referencePrice, worstAcceptablePrice } from './order-price.js';
export { type OrderPlanInput, planOrders, toOrderRequest } from './plan-orders.js';
export { type SplitRules, splitQuantity } from './split-quantity.js';
export type * from './types.js';
export { orderSettings } from './settings.js';
