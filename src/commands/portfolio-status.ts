// `kit portfolio status` and the portfolio_status tool: one use-case, two renderings.
import { z } from 'zod';
import { renderStatus } from '../cli/render-status.js';
import { statusJson, type StatusJson } from '../cli/status-json.js';
import type { CommandContext, CommandSpec } from '../host/contract.js';
import { withRuntime, type HostServices, type Runtime } from '../host/runtime.js';
import { portfolioStatus, type StatusReport } from '../rebalancer.js';

export const portfolioStatusArgs = z.object({
  config: z.string().optional().describe('path of a rebalancer.yaml to use instead of the configured one'),
});

export function sourceNote(runtime: Pick<Runtime, 'demo' | 'configSource'>): string {
  return runtime.demo
    ? 'Showing the embedded demo portfolio: no config found (--config FILE, KIT_REBALANCER_CONFIG, ./rebalancer.yaml or the K.I.T. plugin config).'
    : `Config: ${runtime.configSource}`;
}

function withStatus<T>(context: CommandContext, host: HostServices, use: (report: StatusReport, runtime: Runtime) => T): Promise<T> {
  return withRuntime(context, host, async (runtime) => use(await portfolioStatus(runtime), runtime));
}

/** Exit 0 when every venue answered and every held asset is priced, 3 when the figures are incomplete. */
const exitCodeOf = (report: StatusReport) => (report.complete ? 0 : 3);

export function portfolioStatusCommand(host: HostServices): CommandSpec {
  return {
    name: 'portfolio status',
    description: 'Current allocation against the targets: weights, drift, the threshold warning and what to do about it',
    options: [
      { flags: '--by-venue', description: 'also list every holding per venue' },
      { flags: '--json', description: 'print JSON (decimal strings) instead of tables' },
    ],
    run: (_args, options, context) =>
      withStatus(context, host, (report, runtime) => ({
        exitCode: exitCodeOf(report),
        stdout: options.json
          ? JSON.stringify(toJson(report, runtime), null, 2)
          : renderStatus(report, { byVenue: Boolean(options.byVenue), currency: runtime.config.currency, sourceNote: sourceNote(runtime) }),
      })),
  };
}

export function portfolioStatusTool(host: HostServices, context: () => CommandContext) {
  return {
    definition: {
      name: 'portfolio_status',
      description:
        "The portfolio's current allocation against its targets across every venue: value, weight, target and drift per asset, which assets exceed the drift threshold, and any venue or price problem. Use it to answer 'what is my portfolio drift?'.",
      parameters: z.toJSONSchema(portfolioStatusArgs) as Record<string, unknown>,
    },
    handler: async (raw: Record<string, unknown>): Promise<StatusJson> => {
      const args = portfolioStatusArgs.parse(raw ?? {});
      const base = context();
      return withStatus({ ...base, global: { ...base.global, config: args.config ?? base.global.config } }, host, (report, runtime) => toJson(report, runtime));
    },
  };
}

function toJson(report: StatusReport, runtime: Runtime): StatusJson {
  return statusJson(report, { source: runtime.configSource, demo: runtime.demo, currency: runtime.config.currency, threshold: runtime.config.drift_threshold });
}
