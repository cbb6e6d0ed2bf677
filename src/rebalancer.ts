// The front door of src/rebalancer/: the use-cases, each over a session that looks at the world
// once per run (see rebalancer/session.ts). The CLI, the K.I.T. tools and the heartbeat render
// what these return; this folder is the only code that sequences I/O through the ports.
import { createSession, type RebalancerDeps } from './rebalancer/session.js';
import type { StatusReport } from './rebalancer/status.js';

export { createSession, type RebalancerDeps, type Session } from './rebalancer/session.js';
export type { StatusReport } from './rebalancer/status.js';
export { effectiveTargets, removeTargetIn, resetTargetsIn, setTargetIn, type EffectiveTargets, type TargetChangeReport, type TargetDifference } from './rebalancer/targets.js';
export { resetDrawdownIn } from './rebalancer/drawdown-mark.js';
export { loadHistories } from './rebalancer/histories.js';
export { planPass, previewRebalance, type PreviewOptions, type PreviewResult } from './rebalancer/preview.js';
export { taxedPreview, type TaxedPreview, type TaxedPreviewOptions } from './rebalancer/taxed-preview.js';
export type { PlanTaxes } from './rebalancer/preview-taxes.js';
export { harvestFor } from './rebalancer/harvest.js';
export { taxReportFor, type TaxReportOptions } from './rebalancer/tax-report.js';
export { buildTaxState, ledgerTaxTrades, seedConfigLots, type TaxState } from './rebalancer/tax-state.js';
export { importTrades, type ImportOptions, type ImportResult } from './rebalancer/import.js';
export { resetPaperVenues } from './rebalancer/paper-reset.js';

/** `portfolio status` over a session of its own. */
export function portfolioStatus(deps: RebalancerDeps): Promise<StatusReport> {
  return createSession(deps).status();
}
export { rebalanceHistoryFor, DEFAULT_HISTORY_LIMIT, type HistoryOptions, type RebalanceHistory } from './rebalancer/history/history-for.js';
export type { HistoryEvent, EventOrder, LargestDrift, TargetBand } from './rebalancer/history/event.js';
export type { Performance, BonusPoint, FeePoint, ValuePoint } from './rebalancer/history/performance.js';
export type { AssetWeights, WeightPoint } from './rebalancer/history/weights.js';
export { paperBooks, type PaperBookView } from './rebalancer/paper-book.js';
export { executeRebalance } from './rebalancer/execute/execute.js';
export { RunLockedError, pidIsAlive } from './rebalancer/execute/lock.js';
export { savePreviewRecord } from './rebalancer/execute/run-record.js';
export { DEFAULT_RETRY, type RetryPolicy } from './rebalancer/execute/retry.js';
export { listSwaps, type SwapListing } from './rebalancer/swaps/list-swaps.js';
export { buildSwapLegs, NEVER_SIGNS, plannedLeg, swapsFile } from './rebalancer/swaps/build-swaps.js';
export type { ManifestSwap, RunSwaps, SwapHandOut, SwapLegJson, SwapsFileJson, UnsignedTransactionJson } from './rebalancer/swaps/types.js';
export type { ExecuteDeps, ExecuteOptions, ExecuteResult, LegOutcome, LegStatus, ManifestOrder, PreparedRun, ProgressEvent, Refusal, RunManifest } from './rebalancer/execute/types.js';
export { recordSwap, normalTransaction, type RecordSwapRequest, type SwapRecording } from './rebalancer/swaps/record-swap.js';
