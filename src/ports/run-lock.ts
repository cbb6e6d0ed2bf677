// One rebalance at a time: the CLI's execute and (later) the heartbeat take this lock before they
// place an order. It lives in the ledger, so every process that can trade sees the same one.
export interface RunLockHolder {
  /** What holds it: "cli", "heartbeat", "tool". */
  holder: string;
  pid: number;
  host: string;
  startedAt: Date;
  runId?: string | undefined;
}

export type RunLockResult = { acquired: true; recovered?: RunLockHolder | undefined } | { acquired: false; heldBy: RunLockHolder };

export interface RunLockStore {
  /**
   * Takes the lock for `holder`, or says who holds it. A lock left by a process that is no longer
   * running on this host (`isAlive(pid)` false) is taken over and returned as `recovered`.
   */
  acquireRunLock(holder: RunLockHolder, isAlive: (pid: number) => boolean): RunLockResult;
  /** Releases the lock if `pid` on `host` holds it; a lock held by another is left alone. */
  releaseRunLock(pid: number, host: string): void;
  runLock(): RunLockHolder | undefined;
}
