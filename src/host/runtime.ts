// Everything one command needs, opened in order (config, clock, logger, ledger, venues) and
// closed once at the end. A bad config throws before the ledger is opened: nothing is written.
import { createVenues } from '../adapters/index.js';
import type { Config } from '../config.js';
import { dirname } from 'node:path';
import type { Clock, Ledger, Logger, Notifier, OrderRouter, TaxSink, Venue } from '../ports.js';
import { clockFromEnv } from './clock.js';
import type { CommandContext } from './contract.js';
import { findConfig } from './find-config.js';
import { createLogger } from './logger.js';
import { ledgerLocation, openStateLedger } from './state-ledger.js';

/** What K.I.T. supplies when the plugin runs inside it. */
export interface HostServices {
  /** api.getConfig(): read when a command runs, so an edited plugin config applies at once. */
  pluginConfig?: () => unknown;
  /** api.getStoragePath() */
  storagePath?: () => string | undefined;
  /**
   * The host's Smart Order Router (K.I.T.'s `execution` slot), built over the run's runtime; when
   * absent, orders go straight to the venue adapters (the direct router). `name` is what the
   * output's "router" field says.
   */
  orderRouter?: (runtime: Runtime) => (OrderRouter & { readonly name?: string }) | undefined;
  /** Where executed disposals go (the Tax Calculator); standalone: tax-sink.jsonl in the storage folder. */
  taxSink?: TaxSink;
  /** K.I.T.'s `notifications` slot: an executed rebalance's summary goes here. */
  notifier?: Notifier;
}

export interface Runtime {
  config: Config;
  configSource: string;
  demo: boolean;
  clock: Clock;
  logger: Logger;
  ledger: Ledger;
  venues: Venue[];
  /** The plugin's storage folder (the ledger's folder): where the standalone tax sink writes. */
  stateDir: string;
  close(): void;
}

export function runtimeLogger(context: CommandContext): Logger {
  return createLogger({ level: context.global.verbose ? 'debug' : 'warn', file: context.global.logFile, stderr: context.stderr });
}

/** `keepUnbuiltVenues`: a venue that cannot be built is kept as one that fails (for `kit venues check`). */
export async function openRuntime(context: CommandContext, host: HostServices = {}, options: { keepUnbuiltVenues?: boolean } = {}): Promise<Runtime> {
  const logger = runtimeLogger(context);
  const clock = clockFromEnv(context.env);
  const found = findConfig({ configPath: context.global.config, env: context.env, cwd: context.cwd, pluginConfig: host.pluginConfig?.() });
  logger.debug({ source: found.source }, 'config loaded');
  const ledger = openStateLedger(context, host, found.demo, logger);
  const stateDir = dirname(ledgerLocation(context, host, found.demo).file);
  try {
    const venues = await createVenues(found.config, {
      clock,
      ledger,
      env: context.env,
      logger,
      prices: found.config.prices,
      pricesAt: found.config.prices_at,
      priceHistory: found.config.price_history,
    }, { keepUnbuilt: options.keepUnbuiltVenues ?? false });
    logger.debug({ schema: ledger.schemaVersion(), venues: venues.map((venue) => venue.id) }, 'runtime ready');
    return { config: found.config, configSource: found.source, demo: found.demo, clock, logger, ledger, venues, stateDir, close: () => ledger.close() };
  } catch (error) {
    ledger.close();
    throw error;
  }
}

/** Opens the runtime, runs `use`, and closes it whatever happens. */
export async function withRuntime<T>(context: CommandContext, host: HostServices, use: (runtime: Runtime) => Promise<T> | T, options: { keepUnbuiltVenues?: boolean } = {}): Promise<T> {
  const runtime = await openRuntime(context, host, options);
  try {
    return await use(runtime);
  } finally {
    runtime.close();
  }
}
