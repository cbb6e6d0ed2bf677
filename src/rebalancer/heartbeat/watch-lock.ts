// One watcher per ledger: a lock row naming the process (pid and host). A holder on this host
// whose pid is gone (killed, crashed) is stale and replaced; a holder on another host sharing the
// file is taken to be alive, since its pid cannot be checked from here.
import { hostname } from 'node:os';
import { RebalancerError } from '../../errors.js';
import { pidIsAlive } from '../execute/lock.js';
import type { Ledger, WatchHolder } from '../../ports.js';

export class WatchLockedError extends RebalancerError {
  override readonly exitCode = 5;
  constructor(readonly holder: WatchHolder) {
    super(`Another kit rebalance watch is already watching this ledger: pid ${holder.pid} on ${holder.host}, since ${holder.startedAt.toISOString()}. Stop it first (kill ${holder.pid}), or use --once for a single check.`);
  }
}

export const thisProcess = (now: Date): WatchHolder => ({ pid: process.pid, host: hostname(), startedAt: now });

/** Takes the lock or throws WatchLockedError naming who holds it; returns a stale holder it replaced. */
export function acquireWatchLock(ledger: Pick<Ledger, 'acquireWatchLock'>, me: WatchHolder, alive: (pid: number) => boolean = pidIsAlive): WatchHolder | undefined {
  const result = ledger.acquireWatchLock(me, (holder) => !(holder.pid === me.pid && holder.host === me.host) && (holder.host !== me.host || alive(holder.pid)));
  if (!result.acquired) throw new WatchLockedError(result.holder);
  return result.replaced;
}
