// `rebalance swaps`: the plan's DEX legs as unsigned swaps, without executing anything. The legs
// are what execute would hand out standalone (the same preview, orders and client order ids under
// a listing run id); nothing is journaled, sent or booked, but the legs handed out are remembered
// in the ledger so that a signed one can be booked later. A plan whose data is incomplete or
// stale builds no transaction: its refusal says why.
import type { Diagnostic } from '../../diagnostics.js';
import type { Strategy } from '../../config.js';
import { prepareRun } from '../execute/prepare.js';
import type { Refusal } from '../execute/types.js';
import type { Session } from '../session.js';
import { buildSwapLegs } from './build-swaps.js';
import { rememberSwapLegs } from './remember-legs.js';
import type { SwapLegJson } from './types.js';

/** Refusals after which no transaction is built: the plan itself cannot be trusted. */
const BLOCKING = new Set<Refusal['code']>(['data_incomplete', 'prices_stale', 'not_executable']);

export interface SwapListing {
  runId: string | null;
  legs: SwapLegJson[];
  /** Why nothing was built (blocking), or what execute would say first (prices moved, turnover). */
  refusals: Refusal[];
  blocked: boolean;
  diagnostics: Diagnostic[];
}

export async function listSwaps(session: Session, options: { strategy?: Strategy | undefined; newRunId: () => string }): Promise<SwapListing> {
  const prepared = await prepareRun(session, { newRunId: options.newRunId, routerName: 'direct', trigger: 'swaps', handOutSwaps: true }, { strategy: options.strategy });
  if ('refused' in prepared) return { runId: null, legs: [], refusals: prepared.refused, blocked: true, diagnostics: prepared.diagnostics };
  const { manifest, refusals } = prepared;
  const blocked = refusals.some((r) => BLOCKING.has(r.code));
  const { config, venues } = session.deps;
  const legs = blocked ? [] : await buildSwapLegs({ config, venues }, manifest.swaps ?? [], config.execution.slippage_tolerance);
  // Handed out: kept in the ledger so that, once signed, each can be booked (kit rebalance swaps record).
  await rememberSwapLegs(session, manifest.run_id, manifest.swaps ?? [], legs, session.deps.clock.now());
  const diagnostics = manifest.diagnostics.filter((d) => d.code.startsWith('swap.') || (d.code === 'plan.skipped' && isDex(session, d.venue)));
  return { runId: manifest.run_id, legs, refusals, blocked, diagnostics };
}

function isDex(session: Session, venue: string | undefined): boolean {
  return session.deps.venues.some((v) => v.id === venue && v.capabilities.swap === true);
}
