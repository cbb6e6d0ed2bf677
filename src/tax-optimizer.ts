// Tax decisions for a plan, pure: which lots a sale uses and what it costs, which venue to sell
// from, the US wash-sale windows, and sales worth delaying until their lots turn long-term. The
// front door of src/tax-optimizer/; every per-lot rule is src/tax/rulebook.ts's, shared with the
// report, so a plan's estimate and the report after the sale agree.
export { defaultRates, type TaxRates } from './tax-optimizer/rates.js';
export type { PlannedSell, SellLotUse, SellTax, SellTaxInput } from './tax-optimizer/sell-tax.js';
export { estimateSellTaxes } from './tax-optimizer/estimate-sell-taxes.js';
export { washSaleWindows, type WashWindowInput } from './tax-optimizer/wash-sale-windows.js';
export { salesToDefer, type DeferInput } from './tax-optimizer/sales-to-defer.js';
export { sellVenueOrder } from './tax-optimizer/sell-venue-order.js';
