// The shapes of a DEX leg handed out for the user's wallet: what the manifest keeps of its quote,
// each leg's unsigned transactions as JSON (decimal strings, snake_case), and the swaps file.
// This skill never signs: everything here is unsigned, for a wallet to check and sign.

/** On a manifest order of a DEX trade: the sized quote it was planned at. */
export interface ManifestSwap {
  price: string;
  amount_in: string;
  amount_out: string;
  price_impact: string;
  fee_rate: string;
  source: string;
}

export type UnsignedTransactionJson =
  | { chain: 'evm'; chain_id: number; from: string; to: string; data: string; value: string; description: string }
  | { chain: 'solana'; from: string; transaction: string; last_valid_block_height: number | null; description: string };

export interface SwapLegJson {
  /** 1, 2, ...: the order to sign and send them in. */
  step: number;
  client_order_id: string;
  venue: string;
  market: string;
  side: 'buy' | 'sell';
  quantity: string;
  /** What goes in and the least that may come out (slippage_tolerance on the quote), in whole tokens. */
  amount_in: string | null;
  /** What the quote it was built at pays out, in whole tokens. */
  amount_out: string | null;
  min_amount_out: string | null;
  price: string | null;
  price_impact: string | null;
  fee_rate: string | null;
  quote_source: string | null;
  /** Client order ids of earlier swaps on the same venue whose proceeds this one spends. */
  after: string[];
  transactions: UnsignedTransactionJson[];
  /** to_sign: handed out; planned: a dry run (nothing built); failed: could not be built (see error). */
  status: 'to_sign' | 'planned' | 'failed';
  error: string | null;
}

export interface SwapsFileJson {
  run_id: string;
  created_at: string;
  /** Always true: this skill holds no keys. */
  unsigned: true;
  note: string;
  swaps: SwapLegJson[];
}

/** Where a run's swaps are written (standalone: <state>/swaps/<run id>.json); returns the path. */
export interface SwapHandOut {
  write(runId: string, file: SwapsFileJson): string;
}

/** The swaps of a run as its result reports them. */
export interface RunSwaps {
  /** The file they were written to; null when nothing was written (a dry run, the swaps listing). */
  file: string | null;
  legs: SwapLegJson[];
}
