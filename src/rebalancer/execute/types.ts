// The shapes of one executed rebalance: what it needs from the host (router, sinks, a lock, a
// sleep and a random source so tests never wait), the manifest saved before the first order, and
// the outcome it returns. Amounts are Decimal here; the manifest keeps them as decimal text.
import type { Diagnostic } from '../../diagnostics.js';
import type { DriftReport } from '../../drift-detector.js';
import type { Decimal } from '../../money.js';
import type { Notifier, OrderRouter, RunLockHolder, TaxSink } from '../../ports.js';
import type { RebalancePlan } from '../../planner.js';
import type { Strategy } from '../../config.js';
import type { RetryPolicy } from './retry.js';
import type { ManifestSwap, RunSwaps, SwapHandOut } from '../swaps/types.js';

export interface ExecuteDeps {
  router: OrderRouter;
  /** Which router ran: "direct", or the host's Smart Order Router. */
  routerName: string;
  taxSink?: TaxSink | undefined;
  notifier?: Notifier | undefined;
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1): the backoff's jitter. */
  random: () => number;
  /** Who this process is, for the one-run-at-a-time lock. */
  lock: Omit<RunLockHolder, 'startedAt' | 'runId'> & { isAlive: (pid: number) => boolean };
  retry?: Partial<RetryPolicy> | undefined;
  /** A fresh run id; deterministic client order ids derive from it. */
  newRunId: () => string;
  onProgress?: ((event: ProgressEvent) => void) | undefined;
  /** What started the run, for the history: "cli", "tool", "heartbeat". */
  trigger?: string | undefined;
  /**
   * Standalone (the direct router): DEX legs are never sent; they are built as unsigned swaps and
   * written here for the user's wallet. Absent with K.I.T.'s router, which takes DEX legs as orders.
   */
  swaps?: SwapHandOut | undefined;
}

export interface ExecuteOptions {
  strategy?: Strategy | undefined;
  dryRun?: boolean | undefined;
  /** Only finish an interrupted run; never start a new one. */
  resume?: boolean | undefined;
  /** Asked once the orders are known and every check passed; false stops before anything is sent. */
  confirm?: ((run: PreparedRun) => Promise<boolean>) | undefined;
}

/** One order of the run as saved before anything is sent: enough to finish it after a crash. */
export interface ManifestOrder {
  client_order_id: string;
  leg: string;
  trade_id: string;
  venue: string;
  symbol: string;
  base: string;
  quote: string;
  side: 'buy' | 'sell';
  type: 'limit' | 'market';
  quantity: string;
  limit_price: string | null;
  worst_price: string;
  /** The quote asset's price in the reporting currency when planned (fills are booked at it). */
  quote_value: string;
  asset_class: 'crypto' | 'security' | 'forex';
  /** Sells under specific identification: the lots the tax optimizer chose, in order. */
  lots: { lot_id: string; quantity: string }[];
  /** DEX legs: the sized quote (a market order whose worst price is slippage_tolerance from its price). */
  swap?: ManifestSwap | undefined;
}

export interface PendingTransferJson {
  trade_id: string;
  venue: string;
  market: string;
  side: 'buy' | 'sell';
  quantity: string;
  waits_for: string;
}

export interface DriftSummary {
  total_value: string;
  largest_drift: { asset: string; drift: string } | null;
  assets: { asset: string; value: string; weight: string; target: string | null; drift: string | null; status: string }[];
}

/** The history record's plan JSON for an executed run (status executing, then completed/partial/failed). */
export interface RunManifest {
  kind: 'execute';
  trigger: string;
  router: string;
  strategy: string;
  run_id: string;
  orders: ManifestOrder[];
  transfers_pending: PendingTransferJson[];
  turnover: string;
  fees_estimated: string;
  prices: Record<string, string>;
  before: DriftSummary;
  diagnostics: Diagnostic[];
  /** Standalone: the DEX legs handed out to sign (never sent, journaled or booked here), in order. */
  swaps?: ManifestOrder[] | undefined;
  /** Where those swaps were written, once they were. */
  swaps_file?: string | undefined;
  outcome?: RunOutcomeJson | undefined;
}

export type LegStatus = 'filled' | 'partly_filled' | 'failed' | 'cancelled' | 'pending_transfer' | 'unknown' | 'planned';

export interface LegOutcome {
  client_order_id: string;
  venue: string;
  market: string;
  side: 'buy' | 'sell';
  quantity: string;
  filled: string;
  average_price: string | null;
  fee: string;
  status: LegStatus;
  error: string | null;
  /** What a resume did with it: "found at the venue", "sent", "cancelled", ... */
  resumed?: string | undefined;
}

export interface RunOutcomeJson {
  orders: LegOutcome[];
  fees: string;
  realised_gain: string;
  after: DriftSummary | null;
  /** Per-lot disposal records of the run's sales. */
  tax_records: number;
  /** The sell trades whose disposals reached the tax sink (a resume sends only the others). */
  tax_sent: string[];
}

export type RefusalCode = 'data_incomplete' | 'prices_stale' | 'not_executable' | 'turnover' | 'prices_moved' | 'declined' | 'nothing_to_resume';

export interface Refusal {
  code: RefusalCode;
  message: string;
}

export interface PreparedRun {
  runId: string;
  plan: RebalancePlan;
  manifest: RunManifest;
  refusals: Refusal[];
}

export interface ExecuteResult {
  runId: string | null;
  router: string;
  /** "executed", "resumed", "dry-run", "refused", "nothing" (no trade needed). */
  kind: 'executed' | 'resumed' | 'dry-run' | 'refused' | 'nothing';
  status?: 'completed' | 'partial' | 'failed' | undefined;
  orders: LegOutcome[];
  transfersPending: PendingTransferJson[];
  before: DriftSummary | null;
  after: DriftSummary | null;
  diagnostics: Diagnostic[];
  refusals: Refusal[];
  /** With prices_moved (and dry runs): the new plan, for the CLI to show. */
  plan?: RebalancePlan | undefined;
  fees: Decimal;
  realisedGain: Decimal;
  /** Standalone: the DEX legs handed out to sign in the user's wallet, and the file they are in. */
  swaps?: RunSwaps | undefined;
  /** Lock taken over from a process that had died. */
  recoveredLock?: RunLockHolder | undefined;
}

export type ProgressEvent =
  | { kind: 'sent' | 'acknowledged' | 'filled' | 'partly_filled' | 'cancelled' | 'failed' | 'found' | 'not_found'; order: ManifestOrder; detail?: string | undefined }
  | { kind: 'retry'; order: ManifestOrder; detail: string; waitMs: number };

export type { DriftReport };
