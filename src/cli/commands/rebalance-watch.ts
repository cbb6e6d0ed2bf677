// `kit rebalance watch [--once]`: the heartbeat as a process. With --once, one check (for cron):
// the alert, if any, is printed and the exit code says how it went. Without, a long-running watch
// for systemd, pm2 or a container: a check every monitoring.check_every, the calendar slots for
// the calendar strategy, one watch per ledger, and on SIGTERM or SIGINT the check in flight
// finishes before it exits 0. Alerts go to the wired notifier, else to stdout.
import type { Writable } from 'node:stream';
import type { CommandContext, CommandSpec } from '../../host/contract.js';
import { runtimeLogger, type HostServices } from '../../host/runtime.js';
import { clockFromEnv } from '../../host/clock.js';
import { errorMessage } from '../../errors.js';
import { formatInstant, formatSignedPercent } from '../../format.js';
import type { ExecuteRebalance } from '../../rebalancer/heartbeat/auto-execute.js';
import { runHeartbeatCheck, type CheckResult } from '../../rebalancer/heartbeat/check.js';
import { startWatch } from '../../rebalancer/heartbeat/run-watch.js';
import { alertText, stdoutNotifier } from '../../rebalancer/heartbeat/stdout-notifier.js';
import { preferChannels, type NotifierSource, type OutboxNotifier } from '../../rebalancer/heartbeat/notifier-source.js';
import type { Session } from '../../rebalancer.js';
import { withSession } from '../with-session.js';

export interface WatchWiring {
  /** The alerts dispatcher (or a maker of one per session), when wired; stdout otherwise. */
  notifier?: NotifierSource | undefined;
  /** The config's alert channels for a check, when it has some; the notifier above otherwise. */
  channels?: ((session: Session) => OutboxNotifier | undefined) | undefined;
  execute?: ExecuteRebalance | undefined;
  /** Where a long-running watch prints alerts without a notifier (process.stdout). */
  stdout?: Pick<Writable, 'write'> | undefined;
  /** Calls `stop` on the first SIGTERM or SIGINT; returns how to stop listening. */
  onSignal?: ((stop: (signal: string) => void) => () => void) | undefined;
}

export function rebalanceWatchCommand(host: HostServices, wiring: WatchWiring = {}): CommandSpec {
  return {
    name: 'rebalance watch',
    description: 'Watch the portfolio: a drift check every monitoring.check_every, alerts on crossing, calendar runs; --once for one check from cron',
    options: [{ flags: '--once', description: 'run one check, print the alert (if any) and exit' }],
    run: (_args, options, context) => (options.once ? once(host, wiring, context) : watch(host, wiring, context)),
  };
}

async function once(host: HostServices, wiring: WatchWiring, context: CommandContext) {
  const printed: string[] = [];
  const notifier = preferChannels(wiring.channels, wiring.notifier ?? { send: async (notification) => void printed.push(alertText(notification)) });
  const result = await withSession(context, host, (session) => runHeartbeatCheck(session, { notifier, execute: wiring.execute }));
  const sent = result.notification && printed.length === 0 && !result.sendError ? [alertText(result.notification), '(sent to the configured alert channels)'] : [];
  const lines = printed.length > 0 ? printed : sent.length > 0 ? sent : [quietLine(result)];
  if (result.sendError) lines.push(`✖ The alert could not be sent: ${result.sendError}. It will be sent again at the next check.`);
  // 0: checked; 3: the figures were incomplete; 1: an alert could not be sent.
  return { exitCode: result.sendError ? 1 : result.preview.status.complete ? 0 : 3, stdout: lines.join('\n').trimEnd() };
}

function quietLine(result: CheckResult): string {
  const { status } = result.preview;
  const at = formatInstant(status.asOf);
  if (!status.complete) return `Checked ${at}: the figures are incomplete (${status.diagnostics.find((d) => d.severity === 'error')?.message ?? 'see kit portfolio status'}); nothing new to report.`;
  const open = Object.keys(result.decision.state.active);
  const rows = (status.drift?.rows ?? []).filter((row) => row.drift);
  const largest = rows.sort((a, b) => b.drift!.abs().cmp(a.drift!.abs()))[0];
  const drift = largest ? `; largest drift ${largest.asset} ${formatSignedPercent(largest.drift!)}` : '';
  return open.length > 0 ? `Checked ${at}: still open, already alerted (${open.join(', ')})${drift}.` : `Checked ${at}: nothing to report${drift}.`;
}

async function watch(host: HostServices, wiring: WatchWiring, context: CommandContext) {
  const logger = runtimeLogger(context);
  const out = wiring.stdout ?? process.stdout;
  const running = await startWatch({
    open: (use) => withSession(context, host, (session) => use(session)),
    clock: clockFromEnv(context.env),
    notifier: preferChannels(wiring.channels, wiring.notifier ?? stdoutNotifier(out)),
    execute: wiring.execute,
    onError: (error) => context.stderr.write(`watch: check failed: ${errorMessage(error)}\n`),
    onCheck: (result) => logger.info({ complete: result.preview.status.complete, open: Object.keys(result.decision.state.active), alerted: Boolean(result.notification) }, 'heartbeat check'),
  });
  // Listen before saying "started": whoever waits for that line may signal at once.
  const received = new Promise<string>((resolve) => {
    const unsubscribe = (wiring.onSignal ?? processSignals)((name) => {
      unsubscribe();
      resolve(name);
    });
  });
  context.stderr.write(`watch: started (pid ${process.pid}); stop with SIGTERM or Ctrl-C.\n`);
  const signal = await received;
  context.stderr.write(`watch: ${signal} received; finishing the current check.\n`);
  await running.stop();
  return { exitCode: 0, stdout: `Watch stopped on ${signal} after ${running.checks()} check${running.checks() === 1 ? '' : 's'}.` };
}

function processSignals(stop: (signal: string) => void): () => void {
  const onTerm = () => stop('SIGTERM');
  const onInt = () => stop('SIGINT');
  process.once('SIGTERM', onTerm);
  process.once('SIGINT', onInt);
  return () => {
    process.off('SIGTERM', onTerm);
    process.off('SIGINT', onInt);
  };
}
