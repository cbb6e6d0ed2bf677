// One run at a time, over the ledger's run_lock row (shared with the heartbeat). A second run is
// refused with who holds the lock; a lock whose process has died is taken over and reported.
import { RebalancerError } from '../../errors.js';
import type { Ledger, RunLockHolder } from '../../ports.js';
import type { ExecuteDeps } from './types.js';

export class RunLockedError extends RebalancerError {
  constructor(readonly heldBy: RunLockHolder) {
    super(
      `Another rebalance is running: ${heldBy.holder} (pid ${heldBy.pid} on ${heldBy.host}) since ${heldBy.startedAt.toISOString()}${heldBy.runId ? `, run ${heldBy.runId}` : ''}. Wait for it to finish; a lock left by a process that has ended is recovered by the next run.`,
    );
  }
}

/** Takes the lock or throws RunLockedError; returns the release function and any lock recovered. */
export function takeRunLock(ledger: Ledger, lock: ExecuteDeps['lock'], now: Date): { release: () => void; recovered?: RunLockHolder | undefined } {
  const result = ledger.acquireRunLock({ holder: lock.holder, pid: lock.pid, host: lock.host, startedAt: now }, lock.isAlive);
  if (!result.acquired) throw new RunLockedError(result.heldBy);
  return { release: () => ledger.releaseRunLock(lock.pid, lock.host), recovered: result.recovered };
}

/** A pid is alive when signal 0 reaches it (EPERM: it exists but belongs to another user). */
export function pidIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
