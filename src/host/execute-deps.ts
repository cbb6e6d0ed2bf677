// The host side of an execute: which router sends the orders (the host's Smart Order Router when
// it offers one, else the direct router over the venue adapters), where disposals go (the host's
// tax sink, else tax-sink.jsonl in the plugin's storage folder), the notifier, the real sleep and
// random source, and who this process is for the run lock.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createDirectRouter } from '../adapters/direct-router.js';
import type { TaxSink } from '../ports.js';
import { pidIsAlive, type ExecuteDeps, type ProgressEvent } from '../rebalancer.js';
import type { HostServices, Runtime } from './runtime.js';
import { createSwapsFile, swapsFolder } from './swaps-file.js';
import { createFileTaxSink } from './tax-sink-file.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function taxSinkFile(runtime: Pick<Runtime, 'stateDir' | 'demo'>): string {
  return join(runtime.stateDir, runtime.demo ? 'demo-tax-sink.jsonl' : 'tax-sink.jsonl');
}

/** Where a sale's disposals go: the host's tax sink, else tax-sink.jsonl in the plugin's storage folder. */
export function taxSinkFor(runtime: Runtime, host: HostServices): TaxSink {
  return host.taxSink ?? createFileTaxSink(taxSinkFile(runtime));
}

export function executeDeps(runtime: Runtime, host: HostServices, options: { trigger: string; onProgress?: (event: ProgressEvent) => void }): ExecuteDeps {
  const hostRouter = host.orderRouter?.(runtime);
  return {
    router: hostRouter ?? createDirectRouter(runtime.venues),
    routerName: hostRouter ? (hostRouter.name ?? 'kit') : 'direct',
    taxSink: taxSinkFor(runtime, host),
    notifier: host.notifier,
    sleep,
    random: Math.random,
    lock: { holder: options.trigger, pid: process.pid, host: hostname(), isAlive: pidIsAlive },
    newRunId: () => `r${runtime.clock.now().toISOString().replace(/\D/g, '').slice(0, 14)}-${randomUUID().slice(0, 8)}`,
    onProgress: options.onProgress,
    trigger: options.trigger,
    // Standalone, DEX legs leave as unsigned swaps in a file; K.I.T.'s router takes them as orders.
    ...(hostRouter ? {} : { swaps: createSwapsFile(swapsFolder(runtime.stateDir, runtime.demo)) }),
  };
}
